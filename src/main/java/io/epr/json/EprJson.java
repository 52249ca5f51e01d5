package io.epr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON as EPR reads and writes it: one mapper for what clients send (within {@link JsonLimits}) and text written
 * with a generator. What each entity looks like is io.epr.wire's.
 */
public final class EprJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** Parses client JSON within {@link JsonLimits}; decimals stay BigDecimal so a payload's numbers are stored as sent. */
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonLimits.factory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private EprJson() {}

  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  public static String write(Body body) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Writes each item with {@code item}, as a JSON array. */
  public static <T> void array(JsonGenerator g, List<T> items, Item<T> item) throws IOException {
    g.writeStartArray();
    for (T t : items) {
      item.write(g, t);
    }
    g.writeEndArray();
  }

  public interface Item<T> {
    void write(JsonGenerator g, T t) throws IOException;
  }
}
