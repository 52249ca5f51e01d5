package io.epr.cdevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.json.JsonText;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.Nvrpp;
import io.epr.model.Ulid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/** Stored EPR events and receivers as the translator gets them, and the default translator. */
final class Fixtures {
  static final String PUBLIC_URL = "https://epr.example.com";
  static final Nvrpp APP = new Nvrpp("app", "1.2.3", "2026.01.10", "linux-x86_64", "oci");
  /** 10:00:00.123456Z, written in another zone. */
  static final OffsetDateTime CREATED_AT = OffsetDateTime.parse("2026-01-10T11:00:00.123456+01:00");
  static final CdeventTranslator DEFAULTS = CdeventTranslator.load(null, PUBLIC_URL);

  private Fixtures() {}

  static EventReceiver receiver(String type) {
    return new EventReceiver(Ulid.next(), "receiver", type, "1.0.0", "a receiver", "{}",
        EventReceiver.fingerprint("receiver", type, "1.0.0", "a receiver"), CREATED_AT);
  }

  /** An event as stored: a new id, the payload as compact JSON text. */
  static Event event(Nvrpp nvrpp, String payload, boolean success) {
    return new Event(Ulid.next(), nvrpp, "an event", JsonText.compact(payload), success, CREATED_AT, Ulid.next());
  }

  /** The one CDEvent the default rules make of an event on a receiver of {@code receiverType}, parsed. */
  static JsonNode translate(String receiverType, Nvrpp nvrpp, String payload, boolean success) {
    return json(only(DEFAULTS.translate(event(nvrpp, payload, success), receiver(receiverType), NvrppHistory.empty(),
        null)));
  }

  /** Events of one NVRPP translated one after the other, as ingest does: each continues what the earlier established. */
  static final class Timeline {
    final NvrppHistory history = NvrppHistory.empty();

    /** The one CDEvent the default rules make of the next event. */
    JsonNode next(String receiverType, Nvrpp nvrpp, String payload, boolean success) {
      CdEvent cdevent = only(DEFAULTS.translate(event(nvrpp, payload, success), receiver(receiverType), history, null));
      history.emitted(cdevent.type(), cdevent.subjectId());
      return json(cdevent);
    }
  }

  /** The history of an NVRPP whose artifact identity is {@code purl}. */
  static NvrppHistory withArtifact(String purl) {
    NvrppHistory history = NvrppHistory.empty();
    history.emitted("dev.cdevents.artifact.packaged.0.3.0", purl);
    return history;
  }

  static CdEvent only(List<CdEvent> cdevents) {
    assertEquals(1, cdevents.size(), () -> "expected one CDEvent: " + cdevents);
    return cdevents.get(0);
  }

  static JsonNode json(CdEvent cdevent) {
    return json(cdevent.json());
  }

  static JsonNode json(String text) {
    try {
      return EprJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
