package io.epr.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import io.epr.json.JsonLimits;
import io.epr.json.JsonProblems;
import io.epr.json.StrictUtf8;
import io.epr.model.CancellableInput;
import io.epr.model.Cancellation;
import io.epr.model.Excerpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * Reads CycloneDX JSON. Validates with cyclonedx-core-java's schema of the document's version, but calls the schema
 * itself: {@code JsonParser.validate} keeps only the messages (no JSON pointers), loads the schema again on every call
 * and copies the document four times (a String in the platform charset, a tree, a String again, a tree again).
 */
final class JsonBomReader {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonLimits.factory())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonParser PARSER = new JsonParser();
  private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private JsonBomReader() {}

  /** Each stage stops once the request is cancelled: the parsers as they read, the schema validation as it steps. */
  static ValidBom read(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    return ValidBom.parse(PARSER, validate(document, cancellation), new CancellableInput(document, cancellation));
  }

  /** Returns the document's version once valid; the tree is garbage before the document is parsed into a Bom. */
  private static Version validate(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    ObjectNode bom = object(document, cancellation);
    Version version = version(bom);
    Schema schema = SCHEMAS.computeIfAbsent(version, JsonBomReader::load);
    ignoreOwnSchemaId(bom, schema);
    ExecutionContext validation = new CancellableValidation(schema.createExecutionContext().getExecutionConfig(),
        cancellation);
    ValidationProblems problems = new ValidationProblems();
    for (Error error : schema.validate(validation, bom, OutputFormat.DEFAULT)) {
      problems.add(problem(error));
    }
    problems.throwIfAny(version.getVersionString());
    return version;
  }

  private static ObjectNode object(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    String notUtf8 = StrictUtf8.problem(document);
    if (notUtf8 != null) {
      throw InvalidSbomException.malformed(SbomFormat.JSON, notUtf8);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(new CancellableInput(document, cancellation));
    } catch (JsonProcessingException e) {
      throw InvalidSbomException.malformed(SbomFormat.JSON, JsonProblems.describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!tree.isObject()) {
      String type = tree.getNodeType().name().toLowerCase(Locale.ROOT);
      throw InvalidSbomException.notCycloneDx(List.of("the body is a JSON " + type + ", not an object"));
    }
    return (ObjectNode) tree;
  }

  private static Version version(ObjectNode bom) throws InvalidSbomException {
    List<String> problems = new ArrayList<>();
    JsonNode bomFormat = bom.get("bomFormat");
    if (bomFormat == null) {
      problems.add("bomFormat is missing: a CycloneDX JSON document has \"bomFormat\": \"CycloneDX\"");
    } else if (!"CycloneDX".equals(bomFormat.textValue())) {
      problems.add("bomFormat is " + excerpt(bomFormat) + ", not \"CycloneDX\"");
    }
    JsonNode specVersion = bom.get("specVersion");
    if (specVersion == null) {
      problems.add("specVersion is missing: a CycloneDX JSON document has one, e.g. \"specVersion\": \"1.6\"");
    } else if (!specVersion.isTextual()) {
      problems.add("specVersion is " + excerpt(specVersion) + ", not a string such as \"1.6\"");
    }
    if (!problems.isEmpty()) {
      throw InvalidSbomException.notCycloneDx(problems);
    }
    return SpecVersions.require(SbomFormat.JSON, specVersion.textValue());
  }

  /**
   * The 1.2 and 1.3 schemas cyclonedx-core-java validates with (the strict ones) allow as {@code $schema} another
   * URI than their own {@code $id}, which the official examples use: a document naming the very schema it is
   * validated against is not wrong.
   */
  private static void ignoreOwnSchemaId(ObjectNode bom, Schema schema) {
    JsonNode named = bom.get("$schema");
    if (named != null && named.equals(schema.getSchemaNode().get("$id"))) {
      bom.remove("$schema");
    }
  }

  private static String problem(Error error) {
    String pointer = error.getInstanceLocation().toString();
    JsonNode value = error.getInstanceNode();
    return (pointer.isEmpty() ? "(root)" : pointer)
        + (value != null && value.isValueNode() ? " (" + excerpt(value) + ")" : "")
        + ": " + error.getMessage();
  }

  private static String excerpt(JsonNode value) {
    return value.isTextual() ? Excerpt.quote(value.textValue()) : Excerpt.cut(value.toString());
  }

  /** Where the parser stopped; a limit it enforces (nesting, lengths) has no location. */

  private static Schema load(Version version) {
    try {
      return PARSER.getJsonSchema(version, MAPPER);
    } catch (IOException e) {
      throw new UncheckedIOException("the CycloneDX " + version.getVersionString() + " JSON schema", e);
    }
  }
}
