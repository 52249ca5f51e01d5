package io.epr.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.epr.json.EprJson;
import io.epr.store.OutboxRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Delivers outbox records to Kafka (or Redpanda). Each record carries its stable id in the {@code epr_record_id}
 * header; the value is the record's payload as it was written in the ingest transaction.
 */
public final class KafkaSink implements Sink {
  public static final String RECORD_ID_HEADER = "epr_record_id";
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final Vertx vertx;
  private final KafkaProducer<String, String> producer;

  /** {@code compression}: the producer's codec (EPR_KAFKA_COMPRESSION), none unless a deployment chooses one. */
  public KafkaSink(Vertx vertx, String bootstrapServers, String compression) {
    this.vertx = vertx;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "epr-outbox");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // a dispatch round sends its records at once: large batches make it one produce request, not one per 16 KB
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1024 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    // the broker decides what is too large (SBOM events can be many MB); such a record becomes a dead letter
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 * 1024 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(96L * 1024 * 1024));
    // a broker that is down costs a dispatch round a few seconds, then the records wait in the outbox
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  @Override
  public String name() {
    return OutboxRecord.KAFKA;
  }

  /** A broker that is down is waited for, however long: the outbox holds the records meanwhile. */
  @Override
  public int maxAttempts() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Future<List<Outcome>> deliver(List<OutboxRecord> records) {
    // send() blocks while the topic's metadata is unknown (broker down), so it runs on a worker
    return vertx.<List<Future<Outcome>>>executeBlocking(() -> {
      List<Future<Outcome>> outcomes = new ArrayList<>(records.size());
      String unreachable = null;
      for (OutboxRecord r : records) {
        if (unreachable != null) {
          outcomes.add(Future.succeededFuture(Outcome.retry(unreachable)));
          continue;
        }
        Promise<Outcome> outcome = Promise.promise();
        try {
          producer.send(record(r), (meta, error) -> outcome.complete(error == null ? Outcome.DELIVERED : outcomeOf(error)));
        } catch (RuntimeException e) {
          Outcome failed = outcomeOf(e);
          if (failed.kind() == Outcome.Kind.RETRY) {
            unreachable = failed.error();
          }
          outcome.complete(failed);
        }
        outcomes.add(outcome.future());
      }
      return outcomes;
    }, false).compose(outcomes -> Future.all(outcomes).map(all -> {
      List<Outcome> list = new ArrayList<>(outcomes.size());
      outcomes.forEach(f -> list.add(f.result()));
      return list;
    }));
  }

  private static ProducerRecord<String, String> record(OutboxRecord r) throws Exception {
    ProducerRecord<String, String> record = new ProducerRecord<>(r.topic(), r.key(), r.payload());
    record.headers().add(RECORD_ID_HEADER, r.recordId().getBytes(StandardCharsets.UTF_8));
    if (r.headers() != null) {
      for (Map.Entry<String, String> h : EprJson.MAPPER.readValue(r.headers(), HEADERS).entrySet()) {
        record.headers().add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return record;
  }

  /** Errors no retry can fix go to the dead letters; everything else (a broker down, timeouts) is retried. */
  private static Outcome outcomeOf(Throwable e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
        || e instanceof InvalidTopicException || e instanceof TopicAuthorizationException
        || e instanceof SerializationException) {
      return Outcome.dead(message);
    }
    return Outcome.retry(message);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
