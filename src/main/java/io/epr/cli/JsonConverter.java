package io.epr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A JSON option value (--payload, --schema); invalid JSON is a usage error. */
final class JsonConverter implements ITypeConverter<JsonNode> {
  private static final ObjectReader READER = Output.JSON.reader(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Override
  public JsonNode convert(String value) {
    JsonNode json;
    try {
      json = READER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new TypeConversionException("not valid JSON: " + e.getOriginalMessage());
    }
    if (json == null || json.isMissingNode()) {
      throw new TypeConversionException("not valid JSON: empty");
    }
    return json;
  }
}
