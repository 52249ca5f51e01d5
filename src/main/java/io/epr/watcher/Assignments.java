package io.epr.watcher;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Says, when the group hands the watcher its partitions, where each one is read from: the group's committed offset,
 * or (for a partition the group never committed) the start chosen by {@code --from}. Without it a new group silently
 * replayed the whole topic and fired webhooks for old events.
 */
final class Assignments implements ConsumerRebalanceListener {
  private final KafkaConsumer<String, String> consumer;
  private final String group;
  private final StartFrom from;
  private final Consumer<String> report;

  Assignments(KafkaConsumer<String, String> consumer, String group, StartFrom from, Consumer<String> report) {
    this.consumer = consumer;
    this.group = group;
    this.from = from;
    this.report = report;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Set<TopicPartition> sorted = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    sorted.addAll(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(sorted);
    for (TopicPartition p : sorted) {
      long position = consumer.position(p);
      report.accept(committed.get(p) == null
          ? "reading " + p + " from offset " + position + ": group " + group + " has no committed offset there, "
              + from.describe()
          : "reading " + p + " from offset " + position + ", group " + group + "'s committed offset");
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // offsets are committed after each batch, so nothing is left to commit here
  }
}
