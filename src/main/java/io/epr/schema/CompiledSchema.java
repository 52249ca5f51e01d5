package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.Schema;

import java.util.List;

/** A receiver schema with all its {@code $ref}s resolved; immutable and safe to share between threads. */
public final class CompiledSchema {
  private final Schema schema;

  CompiledSchema(Schema schema) {
    this.schema = schema;
  }

  /**
   * Returns one gojsonschema-style line per violation ({@code <field>: <description>}); empty when valid.
   *
   * @throws RegexTimeoutException when the schema's regular expressions took too long on this payload
   */
  public List<String> validate(JsonNode payload) {
    return BoundedRegexes.within(() ->
        GoStyleErrors.lines(schema.validate(payload == null ? NullNode.getInstance() : ExactIntegers.of(payload))));
  }
}
