package io.epr.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import io.epr.json.EprJson;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.epr.model.Times;
import java.io.IOException;
import java.util.List;

/**
 * The JSON of EPR's Kafka messages (epr-api.md §4): a CloudEvents-like envelope with the NVRPP and success as
 * top-level extensions, and {@code data} holding events, receivers and groups ({@code null} where absent).
 */
public final class EprMessages {
  public static final String RECEIVER_CREATED = "epr.event.receiver.created";
  public static final String GROUP_CREATED = "epr.event.receiver.group.created";
  private static final String PLATFORM = "event-provenance-registry";

  private EprMessages() {}

  /** An event was stored: type is the receiver's type. */
  public static String eventCreated(Event e, EventReceiver r) {
    return message(e.success(), e.id(), r.type(), e.nvrpp(), List.of(e), r, List.of(r), null);
  }

  /**
   * A group completed for the event's NVRPP. The id is the group's (the same on every completion, as in EPR);
   * the type is the group's own type (EPR sends "" here, a bug this service fixes).
   */
  public static String groupCompleted(EventReceiverGroup grp, Event e, EventReceiver r) {
    return message(true, grp.id(), grp.type(), e.nvrpp(), List.of(e), r, null, List.of(grp));
  }

  public static String receiverCreated(EventReceiver r) {
    Nvrpp nvrpp = new Nvrpp(r.name(), r.version(), Times.nowSeconds(), PLATFORM, "event.receiver");
    return message(true, r.id(), RECEIVER_CREATED, nvrpp, null, null, List.of(r), null);
  }

  public static String groupCreated(EventReceiverGroup grp) {
    Nvrpp nvrpp = new Nvrpp(grp.name(), grp.version(), Times.nowSeconds(), PLATFORM, "event.receiver.group");
    return message(true, grp.id(), GROUP_CREATED, nvrpp, null, null, null, List.of(grp));
  }

  private static String message(
      boolean success, String id, String type, Nvrpp nvrpp, List<Event> events, EventReceiver eventsReceiver,
      List<EventReceiver> receivers, List<EventReceiverGroup> groups) {
    return EprJson.write(g -> {
      g.writeStartObject();
      g.writeBooleanField("success", success);
      g.writeStringField("id", id);
      g.writeStringField("specversion", "1.0");
      g.writeStringField("type", type);
      g.writeStringField("source", "epr");
      g.writeStringField("api_version", "v1");
      Entities.nvrpp(JsonFields.of(g), nvrpp);
      g.writeObjectFieldStart("data");
      g.writeFieldName("events");
      writeOrNull(g, events, Entities.eventWith(eventsReceiver));
      g.writeFieldName("event_receivers");
      writeOrNull(g, receivers, Entities::receiver);
      g.writeFieldName("event_receiver_groups");
      writeOrNull(g, groups, Entities::group);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static <T> void writeOrNull(JsonGenerator g, List<T> items, Fields.Entity<T> entity) throws IOException {
    if (items == null) {
      g.writeNull();
    } else {
      JsonFields.array(g, items, entity);
    }
  }
}
