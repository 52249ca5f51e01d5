package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.epr.json.EprJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a valid CDEvents v0.5.1 event is, known at run time so that a pass-through CDEvent the collector would refuse is
 * refused at ingest instead. The official schemas may not ship with EPR, so this is EPR's own description of the spec
 * ({@code cdevents/spec-0.5.1.schema.json}, with the bundled link templates), which tests hold against the official
 * files. Compiled once, on first use (about a second in a cold JVM, so the first call belongs off the event loop);
 * thread-safe, and then some tens of microseconds an event.
 */
public final class CdeventSpec {
  /** The CDEvents release described. */
  public static final String RELEASE = "0.5.1";

  private static final String RESOURCE = "cdevents/spec-" + RELEASE + ".schema.json";
  private static final String ID = "urn:epr:schema:cdevents-" + RELEASE;
  private static final String LINKS = "https://cdevents.dev/" + RELEASE + "/schema/links/";
  private static final String LINK_TEMPLATES = "catalog/cdevents/links/";
  private static final String TYPE_PREFIX = "dev.cdevents.";

  private final Schema anyEvent;
  /** By event type, sorted. */
  private final Map<String, Schema> byType;

  private CdeventSpec() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
        .schemas(CdeventSpec::resource)
        .schemaRegistryConfig(SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build()));
    this.anyEvent = compiled(registry, "event");
    Map<String, Schema> types = new TreeMap<>();
    parse(resource(ID)).get("$defs").fieldNames().forEachRemaining(name -> {
      if (name.startsWith(TYPE_PREFIX)) {
        types.put(name, compiled(registry, name));
      }
    });
    this.byType = Collections.unmodifiableMap(types);
  }

  /**
   * One line per problem, {@code <JSON pointer>: <what is wrong>} ({@code (root)} for the event itself), sorted; empty
   * when {@code event} is a valid CDEvent.
   */
  public static List<String> violations(JsonNode event) {
    return Loaded.SPEC.check(event == null ? NullNode.getInstance() : event);
  }

  /** The event types of the release, e.g. {@code dev.cdevents.pipelinerun.finished.0.3.0}. */
  public static List<String> types() {
    return List.copyOf(Loaded.SPEC.byType.keySet());
  }

  private List<String> check(JsonNode event) {
    JsonNode type = event.at("/context/type");
    Schema schema = byType.get(type.asText());
    if (type.isTextual() && schema != null) {
      return lines(schema.validate(event));
    }
    List<String> violations = new ArrayList<>(lines(anyEvent.validate(event)));
    if (type.isTextual()) {
      violations.add("/context/type: " + type.asText() + " is not an event type of CDEvents " + RELEASE);
    }
    return violations;
  }

  private static List<String> lines(List<Error> errors) {
    return errors.stream().map(CdeventSpec::line).sorted().toList();
  }

  private static String line(Error error) {
    String pointer = error.getInstanceLocation().toString();
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + error.getMessage();
  }

  private static Schema compiled(SchemaRegistry registry, String definition) {
    Schema schema = registry.getSchema(SchemaLocation.of(ID + "#/$defs/" + definition));
    schema.initializeValidators();
    return schema;
  }

  /** Our description by its id, and the link schemas it refers to from the templates EPR bundles. */
  private static String resource(String iri) {
    if (iri.equals(ID)) {
      return classpathText(RESOURCE);
    }
    if (iri.startsWith(LINKS)) {
      String template = classpathText(LINK_TEMPLATES + iri.substring(LINKS.length()) + ".json");
      return template == null ? null : template.replace("${specVersion}", RELEASE);
    }
    return null;
  }

  private static String classpathText(String path) {
    try (InputStream in = CdeventSpec.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return EprJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + " is not JSON", e);
    }
  }

  /** Holds the compiled description: the JVM builds it once, on first use, and publishes it safely. */
  private static final class Loaded {
    static final CdeventSpec SPEC = new CdeventSpec();
  }
}
