package io.epr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A prefix as an index range: the text after every text it starts, in the code point order text_pattern_ops uses. */
class LookupTest {
  private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

  @Test
  void theRangeOfAPrefixEndsAtItsSuccessor() {
    assertEquals("ac", Lookup.after("ab"));
    assertEquals("a&", Lookup.after("a%"));
    assertEquals("\u00fd", Lookup.after("\u00fc"));
    assertEquals("a\ue000", Lookup.after("a\ud7ff"), "surrogates are no code points of their own");
    assertEquals("a" + new String(Character.toChars(0x1F601)), Lookup.after("a" + new String(Character.toChars(0x1F600))));
    assertEquals("b", Lookup.after("a" + MAX), "a prefix ending in the last code point ends after its own prefix");
    assertNull(Lookup.after(MAX + MAX), "nothing comes after every text");
  }
}
