package io.epr.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddedKafkaBrokerTest {

  private static final String TOPIC = "embedded-test";

  @TempDir
  Path dataDir;

  @Test
  void keepsRecordsAcrossRestart() throws Exception {
    int port = freePort();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start("127.0.0.1", port, dataDir);
    String bootstrap = broker.bootstrapServers();
    assertEquals("127.0.0.1:" + port, bootstrap);
    try {
      produce(bootstrap, "a", "b", "c");
      assertEquals(List.of("a", "b", "c"), consume(bootstrap, "group-1", 3));
    } finally {
      broker.close();
    }
    broker.close(); // idempotent

    try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> producer.send(new ProducerRecord<>(TOPIC, "lost")).get());
      assertInstanceOf(TimeoutException.class, e.getCause());
    }

    try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start("127.0.0.1", port, dataDir)) {
      assertEquals(bootstrap, restarted.bootstrapServers());
      assertEquals(List.of("a", "b", "c"), consume(bootstrap, "group-2", 3));
      produce(bootstrap, "d");
      // group-1 committed its offsets before the restart, so it resumes after "c"
      assertEquals(List.of("d"), consume(bootstrap, "group-1", 1));
    }
  }

  private static void produce(String bootstrap, String... values) throws Exception {
    try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(TOPIC, value)).get();
      }
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all"));
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static List<String> consume(String bootstrap, String group, int count) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
