package io.epr.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import io.epr.json.EprJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** An entity's fields as a JSON object on a Jackson generator: EPR's REST answers and Kafka messages. */
public final class JsonFields implements Fields {
  private final JsonGenerator g;

  private JsonFields(JsonGenerator g) {
    this.g = g;
  }

  /** Fields written into the object {@code g} is writing. */
  public static Fields of(JsonGenerator g) {
    return new JsonFields(g);
  }

  /** Writes {@code value} as one JSON object. */
  public static <T> void write(JsonGenerator g, T value, Entity<T> entity) throws IOException {
    try {
      g.writeStartObject();
      entity.write(new JsonFields(g), value);
      g.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The JSON text of an array of {@code values}. */
  public static <T> String array(List<T> values, Entity<T> entity) {
    return EprJson.write(g -> array(g, values, entity));
  }

  /** Writes {@code values} as a JSON array of objects. */
  public static <T> void array(JsonGenerator g, List<T> values, Entity<T> entity) throws IOException {
    g.writeStartArray();
    for (T value : values) {
      write(g, value, entity);
    }
    g.writeEndArray();
  }

  @Override
  public Fields string(String name, String value) {
    return field(name, () -> g.writeString(value));
  }

  @Override
  public Fields number(String name, Number value) {
    return field(name, () -> {
      if (value == null) {
        g.writeNull();
      } else if (value instanceof Integer || value instanceof Long) {
        g.writeNumber(value.longValue());
      } else {
        g.writeNumber(value.doubleValue());
      }
    });
  }

  @Override
  public Fields bool(String name, boolean value) {
    return field(name, () -> g.writeBoolean(value));
  }

  @Override
  public Fields json(String name, String json) {
    return field(name, () -> g.writeRawValue(json));
  }

  @Override
  public Fields strings(String name, List<String> values) {
    return field(name, () -> {
      if (values == null) {
        g.writeNull();
        return;
      }
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    });
  }

  @Override
  public <T> Fields object(String name, T value, Entity<T> entity) {
    return field(name, () -> {
      if (value == null) {
        g.writeNull();
      } else {
        write(g, value, entity);
      }
    });
  }

  @Override
  public <T> Fields objects(String name, List<T> values, Entity<T> entity) {
    return field(name, () -> array(g, values, entity));
  }

  private Fields field(String name, Value value) {
    try {
      g.writeFieldName(name);
      value.write();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private interface Value {
    void write() throws IOException;
  }
}
