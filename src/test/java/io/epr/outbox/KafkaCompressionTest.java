package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.epr.embedded.EmbeddedKafkaBroker;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.TestBroker;
import io.epr.support.TopicReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records EPR sends are uncompressed unless EPR_KAFKA_COMPRESSION says otherwise: a consumer without an lz4 codec
 * (kafka-python as the workshop installs it) read nothing while they were lz4. Checked where a consumer cannot hide
 * it, in the record batches of the broker's own log segments.
 */
class KafkaCompressionTest {
  private static final Path LOG_DIR = TestBroker.tempDir("epr-kafka-compression");
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start("127.0.0.1", TestBroker.freePort(), LOG_DIR);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void recordsAreUncompressedByDefault() throws IOException {
    assertEquals(List.of(CompressionType.NONE), compressionOfRecordsSentWith(Map.of()));
  }

  @Test
  void theSettingChoosesTheCodec() throws IOException {
    assertEquals(List.of(CompressionType.GZIP), compressionOfRecordsSentWith(Map.of("EPR_KAFKA_COMPRESSION", "gzip")));
  }

  /** The distinct codecs of the batches on the topic after EPR sent a receiver's creation to it. */
  private static List<CompressionType> compressionOfRecordsSentWith(Map<String, String> env) throws IOException {
    String topic;
    try (EprTestServer server = new EprTestServer(broker.bootstrapServers(), env);
         TopicReader reader = server.reader()) {
      String id = server.http.post("/api/v1/receivers", Bodies.receiver("build", "ci.build")).id();
      reader.await(m -> m.path("id").asText().equals(id), 1, Duration.ofSeconds(30));
      topic = server.topic;
    }
    List<CompressionType> codecs = new ArrayList<>();
    try (Stream<Path> segments = Files.list(LOG_DIR.resolve(topic + "-0"))) {
      for (Path segment : segments.filter(f -> f.toString().endsWith(".log")).toList()) {
        codecs.addAll(codecsIn(segment.toFile()));
      }
    }
    assertFalse(codecs.isEmpty(), "no record batch in the log of " + topic);
    return codecs.stream().distinct().toList();
  }

  private static List<CompressionType> codecsIn(File segment) throws IOException {
    List<CompressionType> codecs = new ArrayList<>();
    try (FileRecords records = FileRecords.open(segment, false)) {
      for (FileChannelRecordBatch batch : records.batches()) {
        codecs.add(batch.compressionType());
      }
    }
    return codecs;
  }
}
