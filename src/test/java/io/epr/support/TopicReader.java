package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning with a real consumer, keeping every record seen. */
public final class TopicReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  public TopicReader(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    this.topic = topic;
  }

  /** Waits until the records seen so far include {@code count} matching ones; returns the matching ones. */
  public List<ConsumerRecord<String, String>> await(Predicate<JsonNode> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, String>> found = matching(match);
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
            + ", found " + found.size() + " of " + seen.size() + " records");
      }
      poll(Duration.ofMillis(200));
    }
  }

  /** Reads for {@code period} and returns the matching records seen in all (to check that nothing else arrives). */
  public List<ConsumerRecord<String, String>> settle(Predicate<JsonNode> match, Duration period) {
    long deadline = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < deadline) {
      poll(Duration.ofMillis(200));
    }
    return matching(match);
  }

  public static JsonNode json(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value());
    } catch (Exception e) {
      throw new AssertionError("record is not JSON: " + record.value(), e);
    }
  }

  private List<ConsumerRecord<String, String>> matching(Predicate<JsonNode> match) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    for (ConsumerRecord<String, String> r : seen) {
      if (match.test(json(r))) {
        out.add(r);
      }
    }
    return out;
  }

  private void poll(Duration timeout) {
    if (consumer.assignment().isEmpty()) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        sleep(timeout);
        return;
      }
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
    }
    consumer.poll(timeout).forEach(seen::add);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
