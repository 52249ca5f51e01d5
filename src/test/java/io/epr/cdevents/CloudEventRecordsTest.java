package io.epr.cdevents;

import static io.epr.cdevents.Fixtures.APP;
import static io.epr.cdevents.Fixtures.DEFAULTS;
import static io.epr.cdevents.Fixtures.event;
import static io.epr.cdevents.Fixtures.only;
import static io.epr.cdevents.Fixtures.receiver;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.epr.cdevents.CloudEventRecords.KafkaRecord;
import io.epr.json.JsonText;
import io.epr.model.Event;
import io.epr.support.SharedData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** CDEvents as binary-mode CloudEvents on Kafka (DESIGN.md §2.6). */
class CloudEventRecordsTest {
  private static final String TOPIC = "epr.dev.cdevents";

  @Test
  void generatedEventIsTheValueAndItsContextTheHeaders() {
    CdEvent cdevent = only(DEFAULTS.translate(event(APP, "{}", true), receiver("ci.pipelinerun.started"), NvrppHistory.empty(), null));

    KafkaRecord record = CloudEventRecords.toKafka(cdevent, TOPIC, APP.canonical());

    assertEquals(TOPIC, record.topic());
    assertEquals("app/1.2.3/2026.01.10/linux-x86_64/oci", record.key());
    assertEquals(cdevent.json(), record.value());
    assertEquals(Map.of(
        "ce_specversion", "1.0",
        "ce_id", cdevent.id(),
        "ce_source", "https://epr.example.com",
        "ce_type", "dev.cdevents.pipelinerun.started.0.3.0",
        "ce_time", "2026-01-10T10:00:00.123456Z",
        "ce_subject", cdevent.subjectId(),
        "content-type", "application/json"), record.headers());
  }

  @Test
  void timeWithoutFractionIsTheContextTimestamp() {
    Event event = new Event("01JWHOLESECOND", APP, "an event", "{}", false,
        OffsetDateTime.parse("2026-01-10T05:00:00-05:00"), "r");
    CdEvent cdevent = only(DEFAULTS.translate(event, receiver("ci.artifact.packaged"), NvrppHistory.empty(), null));

    KafkaRecord record = CloudEventRecords.toKafka(cdevent, TOPIC, APP.canonical());

    assertEquals("2026-01-10T10:00:00Z", cdevent.timestamp());
    assertEquals(cdevent.timestamp(), record.headers().get("ce_time"));
    assertEquals("pkg:oci/app?platform_id=linux-x86_64&tag=1.2.3-2026.01.10", record.headers().get("ce_subject"));
  }

  @Test
  void forwardedCdeventKeepsItsOwnContext() throws Exception {
    String payload = JsonText.compact(Files.readString(
        SharedData.path("cdevents-spec-v0.5.1/conformance/pipelinerun_finished.json")));
    CdEvent cdevent = only(DEFAULTS.translate(event(APP, payload, true),
        receiver("dev.cdevents.pipelinerun.finished.0.3.0"), NvrppHistory.empty(), null));

    KafkaRecord record = CloudEventRecords.toKafka(cdevent, TOPIC, APP.canonical());

    assertEquals(payload, record.value());
    assertEquals(Map.of(
        "ce_specversion", "1.0",
        "ce_id", "271069a8-fc18-44f1-b38f-9d70a1695819",
        "ce_source", "/event/source/123",
        "ce_type", "dev.cdevents.pipelinerun.finished.0.3.0",
        "ce_time", "2023-03-20T14:27:05.315384Z",
        "ce_subject", "mySubject123",
        "content-type", "application/json"), record.headers());
  }

  /** A consumer using cloudevents-kafka reads the record back as the same CloudEvent. */
  @Test
  void cloudeventsKafkaReadsTheRecordBack() {
    CdEvent cdevent = only(DEFAULTS.translate(event(APP, "{}", false), receiver("ci.pipelinerun.finished"), NvrppHistory.empty(), null));
    KafkaRecord record = CloudEventRecords.toKafka(cdevent, TOPIC, APP.canonical());
    RecordHeaders headers = new RecordHeaders();
    record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));

    CloudEvent read = KafkaMessageFactory.createReader(headers, record.value().getBytes(StandardCharsets.UTF_8)).toEvent();

    assertEquals(SpecVersion.V1, read.getSpecVersion());
    assertEquals(cdevent.id(), read.getId());
    assertEquals(URI.create(cdevent.source()), read.getSource());
    assertEquals(cdevent.type(), read.getType());
    assertEquals(OffsetDateTime.parse(cdevent.timestamp()), read.getTime());
    assertEquals(cdevent.subjectId(), read.getSubject());
    assertEquals("application/json", read.getDataContentType());
    assertArrayEquals(cdevent.json().getBytes(StandardCharsets.UTF_8), read.getData().toBytes());
  }
}
