package io.epr.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The limits of client JSON: what the parsers refuse before building anything, and what jsonb could not store. */
class JsonLimitsTest {

  @Test
  void nestingDeeperThan500IsRefusedWhileParsing() throws Exception {
    EprJson.MAPPER.readTree("[".repeat(500) + "]".repeat(500));

    StreamConstraintsException e = assertThrows(StreamConstraintsException.class,
        () -> EprJson.MAPPER.readTree("[".repeat(10_000) + "]".repeat(10_000)));
    assertTrue(e.getOriginalMessage().startsWith("Document nesting depth (501) exceeds the maximum allowed (500"),
        e.getOriginalMessage());
  }

  /** A million keys took seconds and hundreds of MB to convert: the parser stops at the one too many. */
  @Test
  void objectsAndArraysOfMoreThan100000MembersAreRefusedWhileParsing() throws Exception {
    EprJson.MAPPER.readTree(members(100_000, "{", "\"k%d\":0", "}"));
    EprJson.MAPPER.readTree(members(100_000, "[", "%d", "]"));

    assertEquals("an object with more than 100000 members at /variables/a~1b: at most 100000 members are allowed in "
        + "one object or array", refusal("{\"query\":\"\",\"variables\":{\"a/b\":" + members(100_001, "{",
            "\"k%d\":0", "}") + "}}"));
    assertEquals("an array with more than 100000 members at (root): at most 100000 members are allowed in one object "
        + "or array", refusal(members(1_000_000, "[", "%d", "]")));
    assertEquals("an array with more than 100000 members at /0: at most 100000 members are allowed in one object or "
        + "array", refusal("[" + members(100_001, "[", "{}", "]") + "]"));
  }

  @Test
  void documentsOfMoreThanTenMillionTokensAreRefusedWhileParsing() throws Exception {
    String row = "[" + "0,".repeat(99_999) + "0]";
    EprJson.MAPPER.readTree("[" + (row + ",").repeat(98) + row + "]"); // 99 rows: 9,900,200 tokens

    assertTrue(refusal("[" + (row + ",").repeat(109) + row + "]")
        .startsWith("Token count (10000001) exceeds the maximum allowed (10000000"));
  }

  /** A 100,000-digit integer would cost a quadratic conversion; the parser refuses it before converting it. */
  @Test
  void aNumberOfMoreThan1000CharactersIsRefusedQuickly() throws Exception {
    EprJson.MAPPER.readTree("{\"n\":" + "9".repeat(1000) + "}");
    long start = System.nanoTime();

    StreamConstraintsException e = assertThrows(StreamConstraintsException.class,
        () -> EprJson.MAPPER.readTree("{\"n\":" + "9".repeat(100_000) + "}"));

    assertTrue(e.getOriginalMessage().startsWith("Number value length (100000) exceeds the maximum allowed (1000"),
        e.getOriginalMessage());
    assertTrue(System.nanoTime() - start < 1_000_000_000L);
  }

  @Test
  void stringsAndKeysHaveTheirLimits() throws Exception {
    EprJson.MAPPER.readTree("{\"" + "k".repeat(JsonLimits.MAX_KEY_LENGTH) + "\":1}");
    assertThrows(StreamConstraintsException.class,
        () -> EprJson.MAPPER.readTree("{\"" + "k".repeat(JsonLimits.MAX_KEY_LENGTH + 1) + "\":1}"));
    assertThrows(StreamConstraintsException.class,
        () -> EprJson.MAPPER.readTree("\"" + "s".repeat(JsonLimits.MAX_STRING_LENGTH + 1) + "\""));
  }

  @Test
  void numbersBeyondNumericsRangeCannotBeStored() {
    assertEquals("payload has a number out of range at /a/1: it has 1000000 digits before the decimal point; at "
        + "most 1000 are allowed", JsonLimits.unstorable("payload", json("{\"a\":[0,1e999999]}")));
    assertEquals("payload has a number out of range at (root): it has 999999 digits after the decimal point; at "
        + "most 1000 are allowed", JsonLimits.unstorable("payload", json("-1e-999999")));
    assertNull(JsonLimits.unstorable("payload", json("[1e999, -1e-999, 12345678901234567890123, 0.5]")));
  }

  @Test
  void theNulCharacterCannotBeStoredInStringsOrKeys() {
    assertEquals("schema has a string with the NUL character (\\u0000) at /properties/a~1b/pattern, which cannot be "
        + "stored", JsonLimits.unstorable("schema", json("{\"properties\":{\"a/b\":{\"pattern\":\"x\\u0000\"}}}")));
    assertEquals("payload has a key with the NUL character (\\u0000) in the object at /0, which cannot be stored",
        JsonLimits.unstorable("payload", json("[{\"a\\u0000\":1}]")));
    assertNull(JsonLimits.unstorable("payload", json("{\"text\":\"\\u0001 and \\\\u0000 as text\"}")));
    assertNull(JsonLimits.unstorable("payload", null));
  }

  /** A lone surrogate escape cannot be written as UTF-8: PostgreSQL would get '?'. A pair is one character. */
  @Test
  void anUnpairedSurrogateCannotBeStored() {
    assertEquals("payload has a string with an unpaired surrogate (\\ud800) at /s, which cannot be stored",
        JsonLimits.unstorable("payload", json("{\"s\":\"a\\ud800b\"}")));
    assertEquals("an unpaired surrogate (\\udc00)", JsonLimits.unstorableCharacter("\udc00\ud83d\ude00"));
    assertNull(JsonLimits.unstorableCharacter("\ud83d\ude00 paired"));
  }

  @Test
  void strictUtf8RefusesWhatJacksonWouldDecode() {
    assertNull(StrictUtf8.problem("{\"s\":\"\u00e9\u4e00\ud83d\ude00\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertNull(StrictUtf8.problem(new byte[0]));
    assertEquals("the body is not UTF-8: byte 2 (0xC0) starts an invalid sequence",
        StrictUtf8.problem(new byte[] {'"', 'a', (byte) 0xc0, (byte) 0xaf, '"'}));
    assertEquals("the body is not UTF-8: byte 1 (0xED) starts an invalid sequence",
        StrictUtf8.problem(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}));
    assertEquals("the body is not UTF-8: byte 0 (0xE2) starts an invalid sequence",
        StrictUtf8.problem(new byte[] {(byte) 0xe2, (byte) 0x82}));
  }

  /** {@code count} members formatted with their index, between {@code open} and {@code close}. */
  private static String members(int count, String open, String member, String close) {
    StringBuilder b = new StringBuilder(open);
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append(member.replace("%d", String.valueOf(i)));
    }
    return b.append(close).toString();
  }

  private static String refusal(String json) {
    return assertThrows(StreamConstraintsException.class, () -> EprJson.MAPPER.readTree(json)).getOriginalMessage();
  }

  private static JsonNode json(String text) {
    try {
      return EprJson.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
