package io.epr.store;

/**
 * One record to deliver: to a {@code sink} (kafka, cdviz), on a topic, with an optional key and headers (a JSON object of
 * strings), and a {@code recordId} that stays the same across re-deliveries so consumers can drop duplicates. Kept in
 * the outbox ({@link OutboxStore}) until its sink has it.
 */
public record OutboxRecord(String recordId, String sink, String topic, String key, String headers, String payload) {
  public static final String KAFKA = "kafka";
  public static final String CDVIZ = "cdviz";
}
