package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The official JSON Schemas of one CDEvents release, read from shared data ({@code cdevents-spec-v<release>/schemas}),
 * indexed by {@code $id} (which is not the file name) and found by the event type their {@code context.type} enum
 * lists. Validation is draft 2020-12 with format assertions on, as the collector enforces uri and date-time.
 */
public final class CdeventSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, CdeventSchemas> BY_RELEASE = new ConcurrentHashMap<>();

  private final SchemaRegistry registry;
  private final Map<String, String> idByType;

  private CdeventSchemas(Path schemasDir) {
    Map<String, String> byId = new HashMap<>();
    Map<String, String> byType = new HashMap<>();
    for (Path file : jsonFilesUnder(schemasDir)) {
      String text = read(file);
      JsonNode schema = parse(text);
      String id = schema.path("$id").asText(null);
      if (id == null) {
        continue;
      }
      byId.put(id, text);
      schema.at("/properties/context/properties/type/enum").forEach(type -> byType.put(type.asText(), id));
    }
    if (byType.isEmpty()) {
      throw new IllegalStateException("no CDEvents schemas under " + schemasDir.toAbsolutePath());
    }
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId)
        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    this.idByType = byType;
  }

  /** The schemas of a release in shared data, e.g. "0.5.1" or "0.4.1"; read once. */
  public static CdeventSchemas release(String release) {
    return BY_RELEASE.computeIfAbsent(release,
        r -> new CdeventSchemas(SharedData.path("cdevents-spec-v" + r + "/schemas")));
  }

  public boolean knows(String type) {
    return idByType.containsKey(type);
  }

  /** One line per violation; empty when the event is valid against the schema of its {@code context.type}. */
  public List<String> validate(JsonNode event) {
    String type = event.at("/context/type").asText();
    String id = idByType.get(type);
    if (id == null) {
      return List.of("no schema for context.type " + type);
    }
    Schema schema = registry.getSchema(SchemaLocation.of(id));
    return schema.validate(event).stream().map(Error::toString).toList();
  }

  private static List<Path> jsonFilesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("CDEvents schemas missing (shared data): " + dir.toAbsolutePath(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
