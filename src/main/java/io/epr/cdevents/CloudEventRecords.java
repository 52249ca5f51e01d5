package io.epr.cdevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** CDEvents as CloudEvents in Kafka's binary mode, written by cloudevents-kafka. */
public final class CloudEventRecords {
  private CloudEventRecords() {}

  /** A Kafka record as text: the headers in the order they were written. */
  public record KafkaRecord(String topic, String key, Map<String, String> headers, String value) {}

  /**
   * Value = the CDEvent JSON; headers {@code ce_specversion=1.0}, {@code ce_id}, {@code ce_source}, {@code ce_type},
   * {@code ce_time}, {@code ce_subject} from the CDEvent's context and subject, {@code content-type: application/json}.
   */
  public static KafkaRecord toKafka(CdEvent event, String topic, String key) {
    CloudEvent cloudEvent = CloudEventBuilder.v1()
        .withId(event.id())
        .withSource(URI.create(event.source()))
        .withType(event.type())
        .withTime(OffsetDateTime.parse(event.timestamp()))
        .withSubject(event.subjectId())
        .withDataContentType("application/json")
        .withData(event.json().getBytes(StandardCharsets.UTF_8))
        .build();
    ProducerRecord<String, byte[]> record =
        KafkaMessageFactory.createWriter(topic, null, null, key).writeBinary(cloudEvent);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return new KafkaRecord(record.topic(), record.key(), Collections.unmodifiableMap(headers),
        new String(record.value(), StandardCharsets.UTF_8));
  }
}
