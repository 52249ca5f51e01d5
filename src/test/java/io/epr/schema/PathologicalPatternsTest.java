package io.epr.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receiver schemas whose regular expressions backtrack catastrophically: validating a payload against them stops
 * after BoundedRegexes' budget (1 s of matching per payload) instead of holding a worker thread for minutes or hours.
 * (The JDK 17 matcher memoizes simple nested loops, so the classic {@code ^(a+)+$} is quick; bounded repetitions,
 * back references and unanchored nesting still explode.)
 */
class PathologicalPatternsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReceiverSchemas SCHEMAS = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);
  /** Well above the budget, well below what the patterns take unbounded (48 s, minutes, hours). */
  private static final long BOUND_MS = 4000;
  private static final String EVIL = "^(a{1,30}){1,30}$";
  private static final String A47_B = "a".repeat(47) + "b";

  @Test
  void theBriefsClassicIsQuickOnJdk17() throws Exception {
    CompiledSchema schema = compile("{\"properties\":{\"s\":{\"pattern\":\"^(a+)+$\"}}}");

    List<String> violations = timed(() -> schema.validate(json("{\"s\":\"" + A47_B + "\"}")), 1000);

    assertEquals(List.of("s: Does not match pattern '^(a+)+$'"), violations);
  }

  @ParameterizedTest
  @ValueSource(strings = {EVIL, "^(a+)+\\\\1$", "^(a|a?){1,40}$"})
  void aPatternThatBacktracksCatastrophicallyStopsWithinTheBudget(String pattern) throws Exception {
    CompiledSchema schema = compile("{\"properties\":{\"s\":{\"pattern\":\"" + pattern + "\"}}}");

    RegexTimeoutException e = timed(() -> assertThrows(RegexTimeoutException.class,
        () -> schema.validate(json("{\"s\":\"" + "a".repeat(31) + "b\"}"))), BOUND_MS);

    assertTrue(e.getMessage().matches("pattern \".*\" took more than 1 s to match a string of 32 characters "
        + "\\(catastrophic backtracking\\?\\)"), e.getMessage());
  }

  @Test
  void quadraticMatchingOfALongStringIsBoundedToo() throws Exception {
    CompiledSchema schema = compile("{\"items\":{\"pattern\":\"(a+)+b\"}}");

    timed(() -> assertThrows(RegexTimeoutException.class,
        () -> schema.validate(json("[\"" + "a".repeat(50_000) + "\"]"))), BOUND_MS);
  }

  @Test
  void patternPropertiesAreBoundedOnTheirKeys() throws Exception {
    CompiledSchema schema = compile("{\"patternProperties\":{\"" + EVIL + "\":{\"type\":\"number\"}}}");

    timed(() -> assertThrows(RegexTimeoutException.class,
        () -> schema.validate(json("{\"" + "a".repeat(31) + "b\":1}"))), BOUND_MS);
  }

  /** The budget is one per payload, not one per string: a thousand strings that each take a while add up to it. */
  @Test
  void theBudgetIsSharedByTheStringsOfOnePayload() throws Exception {
    CompiledSchema schema = compile("{\"items\":{\"pattern\":\"(a+)+b\"}}");
    String slowish = "\"" + "a".repeat(3000) + "\"";
    String payload = "[" + String.join(",", java.util.Collections.nCopies(2000, slowish)) + "]";

    timed(() -> assertThrows(RegexTimeoutException.class, () -> schema.validate(json(payload))), BOUND_MS);
  }

  @Test
  void eachPayloadHasABudgetOfItsOwn() throws Exception {
    CompiledSchema schema = compile("{\"properties\":{\"s\":{\"pattern\":\"" + EVIL + "\"}}}");
    assertThrows(RegexTimeoutException.class, () -> schema.validate(json("{\"s\":\"" + "a".repeat(31) + "b\"}")));

    assertEquals(List.of(), schema.validate(json("{\"s\":\"aaaa\"}")));
  }

  /** format: regex compiles the payload's string; a pattern nested too deeply for the JDK is not a regex. */
  @Test
  void aRegexFormatNestedTooDeeplyIsInvalidNotACrash() throws Exception {
    CompiledSchema schema = compile("{\"format\":\"regex\"}");

    List<String> violations = schema.validate(TextNode.valueOf("(".repeat(50_000) + ")".repeat(50_000)));

    assertEquals(List.of("(root): Does not match format 'regex'"), violations);
  }

  @Test
  void aMatchThatOverflowsTheStackIsReportedNotThrownAsAnError() throws Exception {
    CompiledSchema schema = compile("{\"pattern\":\"^(a|b)*$\"}");

    RegexTimeoutException e = assertThrows(RegexTimeoutException.class,
        () -> schema.validate(TextNode.valueOf("ab".repeat(500_000) + "c")));

    assertTrue(e.getMessage().startsWith("pattern \"^(a|b)*$\" "), e.getMessage());
  }

  private static CompiledSchema compile(String schema) throws Exception {
    return SCHEMAS.compile(json(schema));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static <T> T timed(java.util.concurrent.Callable<T> work, long boundMs) throws Exception {
    long start = System.nanoTime();
    T result = work.call();
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < boundMs, "took " + ms + " ms");
    return result;
  }
}
