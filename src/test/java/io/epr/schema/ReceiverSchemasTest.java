package io.epr.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReceiverSchemas SCHEMAS = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);
  private static final String DRAFT_4 = "http://json-schema.org/draft-04/schema#";
  private static final String DRAFT_6 = "http://json-schema.org/draft-06/schema#";
  private static final String DRAFT_7 = "http://json-schema.org/draft-07/schema#";
  private static final String DRAFT_2019_09 = "https://json-schema.org/draft/2019-09/schema";
  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  @Test
  void draft4HasBooleanExclusiveMinimumAndNoConst() throws Exception {
    CompiledSchema exclusive = compile("{\"$schema\":\"" + DRAFT_4 + "\",\"minimum\":3,\"exclusiveMinimum\":true}");
    assertFalse(valid(exclusive, "3"));
    assertTrue(valid(exclusive, "4"));
    assertTrue(valid(compile("{\"$schema\":\"" + DRAFT_4 + "\",\"const\":1}"), "2"));
    assertRefused("{\"$schema\":\"" + DRAFT_4 + "\",\"exclusiveMinimum\":3}");
  }

  @Test
  void draft6HasNumericExclusiveMinimumAndConstButNoIf() throws Exception {
    assertFalse(valid(compile("{\"$schema\":\"" + DRAFT_6 + "\",\"exclusiveMinimum\":3}"), "3"));
    assertFalse(valid(compile("{\"$schema\":\"" + DRAFT_6 + "\",\"const\":1}"), "2"));
    assertTrue(valid(compile("{\"$schema\":\"" + DRAFT_6 + "\",\"if\":{\"type\":\"string\"},\"then\":{\"minLength\":2}}"), "\"a\""));
    assertRefused("{\"$schema\":\"" + DRAFT_6 + "\",\"exclusiveMinimum\":true}");
  }

  @ParameterizedTest
  @ValueSource(strings = {DRAFT_7, ""})
  void draft7HasIfThenElseButNoDependentRequired(String dialect) throws Exception {
    String schema = dialect.isEmpty() ? "{%s}" : "{\"$schema\":\"" + dialect + "\",%s}";
    assertFalse(valid(compile(schema.formatted("\"if\":{\"type\":\"string\"},\"then\":{\"minLength\":2}")), "\"a\""));
    assertTrue(valid(compile(schema.formatted("\"dependentRequired\":{\"a\":[\"b\"]}")), "{\"a\":1}"));
    assertRefused(schema.formatted("\"exclusiveMinimum\":true"));
  }

  @Test
  void draft201909HasDependentRequiredButNoPrefixItems() throws Exception {
    assertFalse(valid(compile("{\"$schema\":\"" + DRAFT_2019_09 + "\",\"dependentRequired\":{\"a\":[\"b\"]}}"), "{\"a\":1}"));
    assertTrue(valid(compile("{\"$schema\":\"" + DRAFT_2019_09 + "\",\"prefixItems\":[{\"type\":\"string\"}]}"), "[1]"));
  }

  @Test
  void draft202012HasPrefixItems() throws Exception {
    CompiledSchema schema = compile("{\"$schema\":\"" + DRAFT_2020_12 + "\",\"prefixItems\":[{\"type\":\"string\"}]}");
    assertEquals(List.of("0: Invalid type. Expected: string, given: integer"), schema.validate(JSON.readTree("[1]")));
  }

  @ParameterizedTest
  @ValueSource(strings = {DRAFT_4, DRAFT_6, DRAFT_7, DRAFT_2019_09, DRAFT_2020_12})
  void formatsAreAssertedInEveryDraft(String dialect) throws Exception {
    String schema = "{\"$schema\":\"" + dialect + "\",\"properties\":{\"at\":{\"format\":\"date-time\"},\"mail\":{\"format\":\"email\"},"
        + "\"link\":{\"format\":\"uri\"}}}";
    CompiledSchema compiled = compile(schema);

    assertEquals(List.of(), compiled.validate(JSON.readTree(
        "{\"at\":\"2023-03-20T14:27:05.315384Z\",\"mail\":\"joe@example.com\",\"link\":\"https://example.com/x\"}")));
    assertEquals(List.of("at: Does not match format 'date-time'", "mail: Does not match format 'email'",
            "link: Does not match format 'uri'"),
        compiled.validate(JSON.readTree("{\"at\":\"yesterday\",\"mail\":\"joe\",\"link\":\"no uri\"}")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"type\":5}", "\"a string\"", "5", "null", "[]", "{\"properties\":[]}", "{\"pattern\":\"(\"}",
      "{\"$schema\":\"http://example.invalid/unknown-dialect\"}", "{\"$ref\":\"#/definitions/missing\"}"})
  void nonSchemasAreRefusedWithAOneLineReason(String schema) {
    InvalidSchemaException e = assertThrows(InvalidSchemaException.class, () -> compile(schema));

    assertFalse(e.getMessage().isBlank());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void reasonsNameTheProblem() {
    assertEquals("a JSON Schema must be an object or a boolean, not string",
        assertThrows(InvalidSchemaException.class, () -> compile("\"a string\"")).getMessage());
    assertEquals("a JSON Schema must be an object or a boolean, not null",
        assertThrows(InvalidSchemaException.class, () -> SCHEMAS.compile(null)).getMessage());
    assertEquals("not a valid JSON Schema (" + DRAFT_7 + "): type: Must validate at least one schema (anyOf); "
            + "type: type must be one of the following: \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"",
        assertThrows(InvalidSchemaException.class, () -> compile("{\"type\":5}")).getMessage());
    assertTrue(assertThrows(InvalidSchemaException.class, () -> compile("{\"$ref\":\"#/definitions/missing\"}"))
        .getMessage().contains("/definitions/missing"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"name\":\"value\"}", "{}", "true"})
  void schemasThatAllowAnything(String schema) throws Exception {
    CompiledSchema compiled = compile(schema);

    for (String payload : List.of("{\"name\":5}", "5", "\"x\"", "null", "[]")) {
      assertEquals(List.of(), compiled.validate(JSON.readTree(payload)), payload);
    }
    assertEquals(List.of(), compiled.validate(NullNode.getInstance()));
  }

  @Test
  void violationsAreWordedLikeGojsonschema() throws Exception {
    CompiledSchema schema = compile("""
                {"type":"object","additionalProperties":false,"required":["context"],
                 "properties":{
                   "context":{"type":"object","required":["id"],"properties":{"id":{"type":"string","minLength":1}}},
                   "filesChanged":{"type":"number"}, "count":{"type":["string","null"]}, "ratio":{"type":"integer"},
                   "kind":{"enum":["a","b",3]}, "fixed":{"const":"x"}, "short":{"maxLength":2}, "code":{"pattern":"^[a-z]+$"},
                   "low":{"minimum":3}, "high":{"maximum":5}, "above":{"exclusiveMinimum":3},
                   "list":{"type":"array","minItems":2,"items":{"type":"string"}}, "few":{"maxItems":1},
                   "either":{"anyOf":[{"type":"string"},{"type":"object","required":["x","y"]}]},
                   "one":{"oneOf":[{"type":"string"},{"type":"integer"}]}, "both":{"oneOf":[{"type":"string"},{"minLength":1}]}
                 }}""");

    assertEquals(List.of(
        "context.id: String length must be greater than or equal to 1",
        "filesChanged: Invalid type. Expected: number, given: boolean",
        "count: Invalid type. Expected: [string,null], given: integer",
        "ratio: Invalid type. Expected: integer, given: number",
        "kind: kind must be one of the following: \"a\", \"b\", 3",
        "fixed: fixed does not match: \"x\"",
        "short: String length must be less than or equal to 2",
        "code: Does not match pattern '^[a-z]+$'",
        "low: Must be greater than or equal to 3",
        "high: Must be less than or equal to 5",
        "above: Must be greater than 3",
        "list: Array must have at least 2 items",
        "list.0: Invalid type. Expected: string, given: integer",
        "few: Array must have at most 1 items",
        "either: Must validate at least one schema (anyOf)",
        "either: y is required",
        "one: Must validate one and only one schema (oneOf)",
        "one: Invalid type. Expected: string, given: boolean",
        "both: Must validate one and only one schema (oneOf)",
        "(root): Additional property extra is not allowed"), schema.validate(JSON.readTree("""
                {"context":{"id":""},"filesChanged":true,"count":5,"ratio":1.5,"kind":"c","fixed":"y","short":"abc",
                 "code":"ABC","low":2,"high":6,"above":3,"list":[1],"few":[1,2],"either":{"x":1},"one":true,"both":"abc","extra":0}""")));
    assertEquals(List.of("(root): context is required"), schema.validate(JSON.readTree("{}")));
    assertEquals(List.of("(root): Invalid type. Expected: object, given: integer"), schema.validate(JSON.readTree("2.0")));
  }

  @Test
  void forReceiverCompilesOncePerReceiver() throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.ANY);
    JsonNode schema = JSON.readTree("{\"required\":[\"name\"]}");

    java.util.concurrent.atomic.AtomicInteger parsed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<JsonNode> supplier = () -> {
      parsed.incrementAndGet();
      return schema;
    };

    CompiledSchema first = schemas.forReceiver("01HPW0DY340VMM3DNMX8JCQDGN", supplier);
    assertSame(first, schemas.forReceiver("01HPW0DY340VMM3DNMX8JCQDGN", supplier));
    assertEquals(1, parsed.get(), "the stored schema is only read on a cache miss");
    assertSame(first, schemas.forReceiver("01HPW0DY340VMM3DNMX8JCQDGN", () -> JSON.createObjectNode()));
    assertNotSame(first, schemas.forReceiver("01HPW0DY340VMM3DNMX8JCQDGP", supplier));
    assertThrows(InvalidSchemaException.class,
      () -> schemas.forReceiver("01HPW0DY340VMM3DNMX8JCQDGQ", () -> JSON.getNodeFactory().numberNode(5)));
  }

  @Test
  void validationIsThreadSafe() throws Exception {
    CompiledSchema schema = compile("{\"properties\":{\"n\":{\"anyOf\":[{\"type\":\"string\"},{\"minimum\":10}]}}}");
    JsonNode invalid = JSON.readTree("{\"n\":1}");
    List<String> expected = schema.validate(invalid);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          for (int j = 0; j < 200; j++) {
            if (!schema.validate(invalid).equals(expected) || !schema.validate(JSON.readTree("{\"n\":11}")).isEmpty()) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of("n: Must validate at least one schema (anyOf)", "n: Must be greater than or equal to 10"), expected);
  }

  /**
   * networknt compares a number with maximum: 100 beside type: integer through asLong(), so a whole decimal beyond the
   * long range (as EPR reads payloads: decimals stay BigDecimal) wrapped around and passed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e19", "1e308", "1e400", "-1e308", "1.5e20", "100.0e30"})
  void wholeDecimalsBeyondTheLongRangeMeetIntegerBounds(String number) throws Exception {
    CompiledSchema bounded = compile("{\"type\":\"integer\",\"minimum\":-100,\"maximum\":100}");

    List<String> violations = bounded.validate(io.epr.json.EprJson.MAPPER.readTree(number));

    assertEquals(1, violations.size(), violations::toString);
    assertTrue(violations.get(0).startsWith("(root): Must be "), violations::toString);
    assertEquals(List.of(), bounded.validate(io.epr.json.EprJson.MAPPER.readTree("1e2")));
  }

  private static CompiledSchema compile(String schema) throws Exception {
    return SCHEMAS.compile(JSON.readTree(schema));
  }

  private static boolean valid(CompiledSchema schema, String payload) throws Exception {
    return schema.validate(JSON.readTree(payload)).isEmpty();
  }

  private static void assertRefused(String schema) {
    assertThrows(InvalidSchemaException.class, () -> compile(schema), schema);
  }
}
