package io.epr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.JsonProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A JSON option value (--payload, --schema): the JSON itself, or the path of a file that holds it
 * ({@code --schema schemas/pipelinerun-started.json}); invalid JSON is a usage error. picocli makes one of these for
 * every command it knows at each start, so it touches Jackson only when it converts a value: epr --version and --help
 * load none of it.
 */
final class JsonConverter implements ITypeConverter<JsonNode> {
  @Override
  public JsonNode convert(String value) {
    try {
      return parse(value);
    } catch (TypeConversionException notJson) {
      Path file = file(value);
      if (file == null) {
        throw notJson;
      }
      try {
        return parse(Files.readString(file));
      } catch (IOException e) {
        throw new TypeConversionException("cannot read " + file + ": " + e.getMessage());
      } catch (TypeConversionException e) {
        throw new TypeConversionException(file + " is " + e.getMessage());
      }
    }
  }

  private static JsonNode parse(String text) {
    JsonNode json;
    try {
      json = Output.JSON.reader(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    } catch (JsonProcessingException e) {
      throw new TypeConversionException("not valid JSON: " + JsonProblems.describe(e));
    }
    if (json == null || json.isMissingNode()) {
      throw new TypeConversionException("not valid JSON: empty");
    }
    return json;
  }

  /** The regular file {@code value} names, or null. */
  private static Path file(String value) {
    try {
      Path path = Path.of(value);
      return Files.isRegularFile(path) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
