package io.epr.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * EPR's JSON for receivers, events and groups: the Go structs' field order and names
 * (snake_case, and the PascalCase {@code EventReceiver} key), payloads and schemas embedded as they are.
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

  public static void receiver(JsonGenerator g, EventReceiver r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("name", r.name());
    g.writeStringField("type", r.type());
    g.writeStringField("version", r.version());
    g.writeStringField("description", r.description());
    g.writeFieldName("schema");
    g.writeRawValue(r.schema());
    g.writeStringField("fingerprint", r.fingerprint());
    g.writeStringField("created_at", Times.format(r.createdAt()));
    g.writeEndObject();
  }

  /** An event; with its receiver under {@code EventReceiver} when {@code receiver} is not null (REST and Kafka do, GraphQL does not). */
  public static void event(JsonGenerator g, Event e, EventReceiver receiver) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("name", e.nvrpp().name());
    g.writeStringField("version", e.nvrpp().version());
    g.writeStringField("release", e.nvrpp().release());
    g.writeStringField("platform_id", e.nvrpp().platformId());
    g.writeStringField("package", e.nvrpp().pkg());
    g.writeStringField("description", e.description());
    g.writeFieldName("payload");
    g.writeRawValue(e.payload());
    g.writeBooleanField("success", e.success());
    g.writeStringField("created_at", Times.format(e.createdAt()));
    g.writeStringField("event_receiver_id", e.receiverId());
    if (receiver != null) {
      g.writeFieldName("EventReceiver");
      receiver(g, receiver);
    }
    g.writeEndObject();
  }

  public static void group(JsonGenerator g, EventReceiverGroup grp) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", grp.id());
    g.writeStringField("name", grp.name());
    g.writeStringField("type", grp.type());
    g.writeStringField("version", grp.version());
    g.writeStringField("description", grp.description());
    g.writeBooleanField("enabled", grp.enabled());
    g.writeArrayFieldStart("event_receiver_ids");
    for (String id : grp.receiverIds()) {
      g.writeString(id);
    }
    g.writeEndArray();
    g.writeStringField("created_at", Times.format(grp.createdAt()));
    g.writeStringField("updated_at", Times.format(grp.updatedAt()));
    g.writeEndObject();
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
