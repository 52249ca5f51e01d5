package io.epr.outbox;

import io.epr.cdevents.CdEvent;
import io.epr.cdevents.CloudEventRecords;
import io.epr.json.EprJson;
import io.epr.model.Nvrpp;
import io.epr.store.OutboxRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox records of one CDEvent: a CloudEvents binary-mode record on the CDEvents topic, keyed by the canonical
 * NVRPP so one artifact's events stay in order, and, when a collector is configured, the bare CDEvent for CDViz.
 * Both carry the CDEvent's id as their record id, so delivery marks the CDEvent delivered.
 */
public final class CdeventRecords {
  private final String topic;
  private final boolean toCdviz;

  public CdeventRecords(String topic, boolean toCdviz) {
    this.topic = topic;
    this.toCdviz = toCdviz;
  }

  public List<OutboxRecord> of(CdEvent event, Nvrpp nvrpp) {
    CloudEventRecords.KafkaRecord kafka = CloudEventRecords.toKafka(event, topic, nvrpp.canonical());
    String headers = EprJson.write(g -> {
      g.writeStartObject();
      for (var h : kafka.headers().entrySet()) {
        g.writeStringField(h.getKey(), h.getValue());
      }
      g.writeEndObject();
    });
    List<OutboxRecord> records = new ArrayList<>(2);
    records.add(new OutboxRecord(event.id(), OutboxRecord.KAFKA, topic, kafka.key(), headers, kafka.value()));
    if (toCdviz) {
      records.add(new OutboxRecord(event.id(), OutboxRecord.CDVIZ, "webhook", null, headers, event.json()));
    }
    return records;
  }
}
