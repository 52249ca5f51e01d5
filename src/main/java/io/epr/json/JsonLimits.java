package io.epr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * How much JSON the service takes from a client: every parser of client JSON (REST and GraphQL bodies, SBOMs, MCP
 * messages) refuses deeper nesting, wider objects and arrays, more tokens and longer numbers, strings and keys, as it
 * reads them, before any of it is built; no more than {@link #DECODED_ON_EVENT_LOOP} bytes of it are decoded on an
 * event loop; and a value is stored only if PostgreSQL's jsonb can hold it as sent (no NUL character or unpaired
 * surrogate, no number beyond numeric's range).
 */
public final class JsonLimits {
  /** Objects and arrays inside each other. */
  public static final int MAX_NESTING = 500;
  /** Characters of a number as written, and digits a number may have before and after its decimal point. */
  public static final int MAX_NUMBER_DIGITS = 1000;
  /** Characters of one string (Jackson's default, made explicit). */
  public static final int MAX_STRING_LENGTH = 20_000_000;
  /** Characters of one object key. */
  public static final int MAX_KEY_LENGTH = 50_000;
  /**
   * Members of one object or array: a CycloneDX SBOM of 50,000 components in one list passes twice over; GraphQL
   * variables of a million keys (which blocked an event loop for 30 s) do not.
   */
  public static final int MAX_MEMBERS = 100_000;
  /**
   * Tokens of one document (each key, value, and start and end of an object or array): a parsed tree costs about 100
   * bytes a token. SbomGenerator's 50,000 components are 2.3 million tokens (33 MB).
   */
  public static final long MAX_TOKENS = 10_000_000;
  /**
   * Bytes of client JSON that may be decoded (or converted, or executed as GraphQL) on an event loop; a larger body
   * is decoded on a worker thread, so no request holds up the others on its loop.
   */
  public static final int DECODED_ON_EVENT_LOOP = 8 * 1024;
  private static final int LONGEST_POINTER = 200;

  private JsonLimits() {}

  /** A factory whose parsers enforce these limits. */
  public static JsonFactory factory() {
    return new BoundedJsonFactory(new JsonFactoryBuilder().streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING)
        .maxNumberLength(MAX_NUMBER_DIGITS)
        .maxStringLength(MAX_STRING_LENGTH)
        .maxNameLength(MAX_KEY_LENGTH)
        .maxTokenCount(MAX_TOKENS)
        .build()));
  }

  /**
   * Why {@code value} (the client's {@code what}, e.g. "payload") cannot be stored, with where in it; null when it
   * can. A parser of {@link #factory()} has bounded its nesting, so this recursion is bounded too.
   */
  public static String unstorable(String what, JsonNode value) {
    return value == null ? null : unstorable(what, value, null);
  }

  /** Where a value is: its parent's place and its key or index; null for the root. */
  private record Place(Place parent, String token) {
    static String pointer(Place place) {
      return place == null ? "(root)" : shortened(path(place));
    }

    private static String path(Place place) {
      return place == null ? "" : path(place.parent) + "/" + place.token;
    }
  }

  private static String unstorable(String what, JsonNode value, Place place) {
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String character = unstorableCharacter(field.getKey());
        if (character != null) {
          return what + " has a key with " + character + " in the object at " + Place.pointer(place)
              + ", which cannot be stored";
        }
        String problem = unstorable(what, field.getValue(), new Place(place, escape(field.getKey())));
        if (problem != null) {
          return problem;
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        String problem = unstorable(what, value.get(i), new Place(place, String.valueOf(i)));
        if (problem != null) {
          return problem;
        }
      }
    } else if (value.isTextual()) {
      String character = unstorableCharacter(value.textValue());
      return character == null ? null
          : what + " has a string with " + character + " at " + Place.pointer(place) + ", which cannot be stored";
    } else if (value.isNumber()) {
      return outOfRange(what, value.decimalValue(), place);
    }
    return null;
  }

  /**
   * A character of {@code text} that PostgreSQL's text cannot hold as sent, described; null when there is none. The
   * NUL character is refused by the database; an unpaired surrogate (a JSON escape such as \ud800 alone) cannot be
   * written as UTF-8 and would be stored as '?'.
   */
  public static String unstorableCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "the NUL character (\\u0000)";
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          return String.format("an unpaired surrogate (\\u%04x)", (int) c);
        }
        i++;
      }
    }
    return null;
  }

  private static String outOfRange(String what, BigDecimal number, Place place) {
    long before = (long) number.precision() - number.scale();
    long after = number.scale();
    if (before <= MAX_NUMBER_DIGITS && after <= MAX_NUMBER_DIGITS) {
      return null;
    }
    return what + " has a number out of range at " + Place.pointer(place) + ": it has " + Math.max(before, after)
        + " digits " + (before > MAX_NUMBER_DIGITS ? "before" : "after") + " the decimal point; at most "
        + MAX_NUMBER_DIGITS + " are allowed";
  }

  /** A JSON Pointer as a message shows it: keys may be long, and so may their path. */
  static String shortened(String pointer) {
    return pointer.length() <= LONGEST_POINTER ? pointer : pointer.substring(0, LONGEST_POINTER) + "…";
  }

  /** A JSON Pointer reference token (RFC 6901). */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
