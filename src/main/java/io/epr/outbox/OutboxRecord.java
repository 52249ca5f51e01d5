package io.epr.outbox;

import java.util.List;

/**
 * One record to deliver: to its {@code sinks} (kafka, cdviz), on a topic, with an optional key and headers (a JSON
 * object of strings), and a {@code recordId} that stays the same across re-deliveries so consumers can drop
 * duplicates. Written once to the log ({@link OutboxLog}) whatever the number of sinks that take it.
 */
public record OutboxRecord(String recordId, List<String> sinks, String topic, String key, String headers,
    String payload) {}
