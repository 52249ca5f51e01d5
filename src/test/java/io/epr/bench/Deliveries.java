package io.epr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What reached one destination, by the EPR event it came from: when it first arrived, how many copies, and under how
 * many distinct record ids (at-least-once allows copies of one id, never two ids for one event).
 */
public final class Deliveries {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Arrival(long firstNanos, int copies, Set<String> recordIds) {}

  private final Map<String, Arrival> byEvent = new ConcurrentHashMap<>();

  void arrived(String eventId, String recordId, long nanos) {
    byEvent.merge(eventId, new Arrival(nanos, 1, Set.of(recordId)), (a, b) -> new Arrival(a.firstNanos(),
        a.copies() + 1, union(a.recordIds(), b.recordIds())));
  }

  public Arrival of(String eventId) {
    return byEvent.get(eventId);
  }

  public boolean containsAll(Collection<String> eventIds) {
    return eventIds.stream().allMatch(byEvent::containsKey);
  }

  /** The ids of the EPR events (or receivers, on the EPR topic) something arrived for. */
  public Set<String> events() {
    return Set.copyOf(byEvent.keySet());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a.containsAll(b)) {
      return a;
    }
    Set<String> both = new java.util.HashSet<>(a);
    both.addAll(b);
    return Set.copyOf(both);
  }

  /** The event id a CDEvent was made from: the last segment of its {@code content.uri} (…/api/v1/events/{id}). */
  static String eventOfCdevent(JsonNode cdevent) {
    String uri = cdevent.path("subject").path("content").path("uri").asText();
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  /** Reads a topic from its start on its own thread; EPR messages are keyed by their {@code id}. */
  public static final class TopicDeliveries implements AutoCloseable {
    public final Deliveries eprMessages = new Deliveries();
    public final Deliveries cdevents = new Deliveries();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicDeliveries(String bootstrap, String eprTopic, String cdeventsTopic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
      KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
      List<TopicPartition> partitions = List.of(new TopicPartition(eprTopic, 0), new TopicPartition(cdeventsTopic, 0));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      thread = new Thread(() -> {
        try (consumer) {
          while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
              long now = System.nanoTime();
              JsonNode value = parse(r.value());
              if (r.topic().equals(eprTopic)) {
                eprMessages.arrived(value.path("id").asText(), header(r, "epr_record_id"), now);
              } else {
                cdevents.arrived(eventOfCdevent(value), value.path("context").path("id").asText(), now);
              }
            }
          }
        }
      }, "bench-topic-reader");
      thread.setDaemon(true);
      thread.start();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
      Header h = r.headers().lastHeader(name);
      return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /**
   * A CDViz collector's webhook that answers 200 at once and remembers which CDEvents came; or, while told to fail,
   * answers every request with that status and a body like the collector's, keeping nothing.
   */
  public static final class Collector implements AutoCloseable {
    public final Deliveries cdevents = new Deliveries();
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpServer server;
    private final AtomicLong refused = new AtomicLong();
    private volatile int failing;

    public Collector() {
      server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        int status = failing;
        if (status != 0) {
          refused.incrementAndGet();
          req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
              .end("{\"title\":\"" + status + "\",\"status\":" + status + ",\"detail\":\"injected by the bench\"}");
          return;
        }
        JsonNode cdevent = parse(body.toString(StandardCharsets.UTF_8));
        cdevents.arrived(eventOfCdevent(cdevent), cdevent.path("context").path("id").asText(), System.nanoTime());
        req.response().setStatusCode(200).end();
      })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
    }

    /** Answers every request with {@code status} from now on; 0 goes back to accepting. */
    public void failWith(int status) {
      failing = status;
    }

    /** How many requests were answered with an injected failure. */
    public long refused() {
      return refused.get();
    }

    public String url() {
      return "http://127.0.0.1:" + server.actualPort() + "/webhook/000-cdevents";
    }

    @Override
    public void close() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
