package io.epr.outbox;

import io.epr.cdevents.CdEvent;
import io.epr.cdevents.CloudEventRecords;
import io.epr.json.EprJson;
import io.epr.model.Nvrpp;
import java.util.List;

/**
 * The outbox record of one CDEvent: a CloudEvents binary-mode record on the CDEvents topic, keyed by the canonical
 * NVRPP so one artifact's events stay in order, whose value is the bare CDEvent JSON CDViz takes too. It goes to Kafka
 * and, when a collector is configured, to CDViz; its record id is the CDEvent's id.
 */
public final class CdeventRecords {
  private final String topic;
  private final List<String> sinks;

  public CdeventRecords(String topic, boolean toCdviz) {
    this.topic = topic;
    this.sinks = toCdviz ? List.of(KafkaSink.NAME, CdvizSink.NAME) : List.of(KafkaSink.NAME);
  }

  public OutboxRecord of(CdEvent event, Nvrpp nvrpp) {
    CloudEventRecords.KafkaRecord kafka = CloudEventRecords.toKafka(event, topic, nvrpp.canonical());
    String headers = EprJson.write(g -> {
      g.writeStartObject();
      for (var h : kafka.headers().entrySet()) {
        g.writeStringField(h.getKey(), h.getValue());
      }
      g.writeEndObject();
    });
    return new OutboxRecord(event.id(), sinks, topic, kafka.key(), headers, kafka.value());
  }
}
