package io.epr.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.epr.outbox.DeadLetters;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each entity's fields are named once ({@link Entities}) and rendered twice: as JSON for REST and Kafka, and as the
 * maps GraphQL serialises. The two renderings must say the same, field for field and value for value.
 */
class EntitiesTest {
  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 7, 14, 3, 37, 123_456_000, ZoneOffset.UTC);
  private static final Nvrpp NVRPP = new Nvrpp("hello", "1.0.0", "42", "linux", "oci");
  private static final EventReceiver RECEIVER = new EventReceiver("01RECEIVER", "build", "dev.ci.build", "1", "d",
      "{\"type\":\"object\",\"required\":[\"url\"]}", "f00d", AT);

  @Test
  void restAndKafkaJsonEqualsWhatGraphQLAnswers() throws Exception {
    Event event = new Event("01EVENT", NVRPP, "built", "{\"url\":\"https://ci/1\",\"n\":1.50}", false, AT,
        RECEIVER.id());
    same(event, Entities::event);
    same(RECEIVER, Entities::receiver);
    same(new EventReceiverGroup("01GROUP", "gate", "gate.type", "1", "d", true, List.of("a", "b"), AT, AT),
        Entities::group);
    same(new DeadLetters.DeadLetter(7, "01RECORD", "kafka", "epr.dev.events", 3, "gave up", "timeout", AT, AT),
        Entities::deadLetter);
    SbomStore.Component component = new SbomStore.Component(0, "lodash", "4.17.21", null, "library",
        "pkg:npm/lodash@4.17.21", List.of("MIT"));
    same(new SbomStore.ComponentUse(component, "01SBOM", NVRPP, AT), Entities::componentUse);
    same(new SbomStore.Sbom("01SBOM", "1.6", "urn:uuid:1", 20_000, AT), Entities::sbom);
    TestReportStore.StoredCase testCase = new TestReportStore.StoredCase(0, "suite", "a.B", "adds", "failed", null,
        "expected 2");
    same(new TestReportStore.CaseRun(testCase, "01REPORT", NVRPP), Entities::testCaseRun);
    same(new TestReportStore.Report("01REPORT", "linux", 1, 3, 1, 0, 1, 0.25, AT), Entities::testReport);
    EventReceiverGroup group = new EventReceiverGroup("01GROUP", "gate", "gate.type", "1", "d", true,
        List.of(RECEIVER.id()), AT, AT);
    same(new RegistryStore.Gate(group, List.of(RECEIVER)), Entities::gate);
    same(new RegistryStore.EventPage(List.of(event), "01EVENT"), Entities::eventPage);
  }

  @Test
  void anEventOnRestAndKafkaCarriesItsReceiverAfterItsOwnFieldsInTheGoStructsOrder() throws Exception {
    Event event = new Event("01EVENT", NVRPP, "built", "{}", true, AT, RECEIVER.id());
    JsonNode json = EprJson.MAPPER.readTree(JsonFields.array(List.of(event), Entities.eventWith(RECEIVER))).get(0);
    assertEquals(List.of("id", "name", "version", "release", "platform_id", "package", "description", "payload",
        "success", "created_at", "event_receiver_id", "EventReceiver"), List.copyOf(iterable(json.fieldNames())));
    assertEquals(json.get("EventReceiver"), rendered(RECEIVER, Entities::receiver));
  }

  private static <T> void same(T value, Fields.Entity<T> entity) throws Exception {
    JsonNode graphQL = EprJson.MAPPER.readTree(EprJson.MAPPER.writeValueAsString(MapFields.map(value, entity)));
    assertEquals(rendered(value, entity), graphQL, value.getClass().getSimpleName());
  }

  private static <T> JsonNode rendered(T value, Fields.Entity<T> entity) throws Exception {
    return EprJson.MAPPER.readTree(JsonFields.array(List.of(value), entity)).get(0);
  }

  private static <T> List<T> iterable(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
