package io.epr.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a client is told of JSON that is not: where, and what, without the parser's internals. */
class JsonProblemsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{                 | line 1, column 2: the document ends before its JSON is complete (truncated?)",
      "{\"name\":}       | line 1, column 9: Unexpected character ('}'): expected a value",
      "{\"a\":1}}        | line 1, column 8: Unexpected close marker '}': expected ']'",
      "{} {}             | line 1, column 4: more text after the JSON value: send one JSON document",
      "/* c */ {}        | line 1, column 1: Unexpected character ('/'): JSON has no comments",
      "{\"a\":NaN}       | line 1, column 9: Non-standard token 'NaN': JSON has no such value",
      "{\"a\":\"\\x\"}   | line 1, column 8: Unrecognized character escape 'x'"})
  void saysWhereAndWhatWithoutTheParsersInternals(String json, String expected) {
    String described = describe(json);
    assertEquals(expected, described.substring(0, Math.min(described.length(), expected.length())), described);
    for (String internal : new String[] {"Source:", "REDACTED", "code ", "Feature", "com.fasterxml", "java."}) {
      assertEquals(-1, described.indexOf(internal), described);
    }
  }

  private static String describe(String json) {
    try {
      EprJson.MAPPER.reader(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json);
      throw new AssertionError("parsed: " + json);
    } catch (JsonProcessingException e) {
      return JsonProblems.describe(e);
    }
  }

  @Test
  void aValueOfTheWrongJavaTypeIsSaidWithoutTheType() throws Exception {
    try {
      EprJson.MAPPER.readValue("[1]", java.util.HashMap.class);
    } catch (JsonProcessingException e) {
      assertEquals("line 1, column 1: a JSON value of a type that does not fit here", JsonProblems.describe(e));
    }
  }
}
