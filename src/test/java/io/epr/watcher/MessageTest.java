package io.epr.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.Http;
import org.junit.jupiter.api.Test;

class MessageTest {
  static final String GROUP_CREATED = "{\"success\":true,\"id\":\"01JBX0GZ4VE1RZB53C37R65Q8Q\",\"specversion\":\"1.0\","
      + "\"type\":\"epr.event.receiver.group.created\",\"source\":\"epr\",\"api_version\":\"v1\",\"name\":\"g\","
      + "\"version\":\"1.0.0\",\"release\":\"2024-05-05T12:00:00-04:00\",\"platform_id\":\"event-provenance-registry\","
      + "\"package\":\"event.receiver.group\",\"data\":{\"events\":null,\"event_receivers\":null,"
      + "\"event_receiver_groups\":[{\"id\":\"01JBX0GZ4VE1RZB53C37R65Q8Q\"}]}}";

  @Test
  void readsAndWritesTheEnvelope() {
    Message m = Message.parse(GROUP_CREATED).orElseThrow();
    assertEquals("event-provenance-registry", m.nvrpp().platformId());
    assertEquals("event.receiver.group", m.pkg());
    assertTrue(m.data().get("events").isNull());
    assertEquals(GROUP_CREATED, m.toJson());
    assertEquals(Http.parse(GROUP_CREATED), Http.parse(m.toJson()));
  }

  @Test
  void anythingElseIsNotAMessage() {
    for (String value : new String[] {null, "", "free text", "[1]", "\"foo.bar\"", "{\"id\":\"x\"}",
        "{\"type\":\"foo.bar\"}", "{\"type\":1,\"id\":\"x\"}"}) {
      assertTrue(Message.parse(value).isEmpty(), value);
    }
  }
}
