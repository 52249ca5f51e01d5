package io.epr.cdevents;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.epr.support.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The official CDEvents v0.5.1 schemas (every schemas/**&#47;*.json, indexed by {@code $id}: the event files' ids are
 * not their names, and the links files resolve their relative refs), validating with format assertions on.
 */
final class OfficialSchemas {
  static final OfficialSchemas V0_5_1 = new OfficialSchemas(SharedData.path("cdevents-spec-v0.5.1/schemas"));

  private final SchemaRegistry registry;
  private final Map<String, String> idByType = new HashMap<>();

  private OfficialSchemas(Path schemas) {
    Map<String, String> byId = new HashMap<>();
    try (Stream<Path> files = Files.walk(schemas)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        String text = Files.readString(file);
        JsonNode schema = Fixtures.json(text);
        String id = schema.path("$id").asText();
        byId.put(id, text);
        schema.at("/properties/context/properties/type/enum").forEach(type -> idByType.put(type.asText(), id));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
        .schemas(byId)
        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  /** What the schema of the CDEvent's {@code context.type} says is wrong with it; empty when it is valid. */
  List<String> errors(JsonNode cdevent) {
    String id = idByType.get(cdevent.at("/context/type").asText());
    assertNotNull(id, () -> "no official schema for " + cdevent.at("/context/type"));
    return registry.getSchema(SchemaLocation.of(id)).validate(cdevent).stream().map(Object::toString).toList();
  }
}
