package io.epr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.Nvrpp;
import io.epr.model.Ulid;
import io.epr.schema.CompiledSchema;
import io.epr.schema.ReceiverSchemas;
import io.epr.schema.RemoteRefs;
import io.epr.store.PgConfig;
import io.epr.wire.EprMessages;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline issue 14's ingest goal is measured against: what Go EPR does per event, without the guarantees this
 * service adds. {@code POST /api/v1/events} decodes the body, checks the NVRPP and description are not blank, validates
 * the payload against its receiver's schema (this service's own {@link ReceiverSchemas}, the same networknt
 * validator; receivers and their compiled schemas are read once at start, as the service caches them), writes the
 * event row in one INSERT (its own transaction, the service's statement and pool size) and hands the EPR message
 * (the service's own {@link EprMessages} JSON) to a Kafka producer without waiting for the broker; then answers
 * {@code {"data":"<id>"}}. No outbox, no CDEvents, no group gating, no idempotency keys: a message is lost if the
 * process dies before the producer sent it. The bench runs it as its own process with the server's JVM flags
 * ({@code EPR_DB}, {@code EPR_BROKERS}, {@code EPR_TOPIC}, {@code EPR_HOST}, {@code EPR_PORT}).
 */
public final class FireAndForgetServer {
  private static final String INSERT_EVENT = "INSERT INTO events (id, name, version, release, platform_id, package, "
      + "description, payload, success, created_at, event_receiver_id) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, clock_timestamp(), $10) RETURNING created_at";
  private static final String SELECT_RECEIVERS = "SELECT id, name, type, version, description, schema::text, "
      + "fingerprint, created_at FROM event_receivers";

  /** A receiver with its schema compiled once. */
  private record Receiver(EventReceiver receiver, CompiledSchema schema) {}

  private final Pool pool;
  private final Map<String, Receiver> receivers;
  private final KafkaProducer<String, String> producer;
  private final String topic;
  /** {@code send()} blocks while the producer's buffer is full or the topic's metadata unknown: never on an event loop. */
  private final ExecutorService handOff = Executors.newSingleThreadExecutor();

  private FireAndForgetServer(Pool pool, Map<String, Receiver> receivers, KafkaProducer<String, String> producer,
      String topic) {
    this.pool = pool;
    this.receivers = receivers;
    this.producer = producer;
    this.topic = topic;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16).setMaxWaitQueueSize(4096))
        .connectingTo(PgConfig.fromUrl(env.get("EPR_DB")).connectOptions()).using(vertx).build();
    String topic = env.get("EPR_TOPIC");
    KafkaProducer<String, String> producer = producer(env.get("EPR_BROKERS"));
    producer.partitionsFor(topic); // the topic's metadata before the first request, as Go EPR connects at start
    FireAndForgetServer server = new FireAndForgetServer(pool, receivers(pool), producer, topic);
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer().requestHandler(server::handle)
            .listen(Integer.parseInt(env.get("EPR_PORT")), env.get("EPR_HOST"));
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .toCompletionStage().toCompletableFuture().join();
  }

  /** As Go EPR's sarama producer: acks from all replicas; batching as the service's Kafka sink. */
  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1024 * 1024));
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static Map<String, Receiver> receivers(Pool pool) throws Exception {
    ReceiverSchemas schemas = new ReceiverSchemas(Duration.ofSeconds(5), RemoteRefs.OFF);
    Map<String, Receiver> byId = new HashMap<>();
    for (Row r : pool.query(SELECT_RECEIVERS).execute().toCompletionStage().toCompletableFuture().join()) {
      EventReceiver receiver = new EventReceiver(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.getString(4), r.getString(5), r.getString(6), r.getOffsetDateTime(7));
      byId.put(receiver.id(), new Receiver(receiver, schemas.compile(EprJson.MAPPER.readTree(receiver.schema()))));
    }
    return Map.copyOf(byId);
  }

  private void handle(HttpServerRequest request) {
    if (request.path().equals("/healthz/readiness")) {
      request.response().end();
    } else if (request.path().equals("/api/v1/events")) {
      request.body().onSuccess(body -> createEvent(request, body));
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  /**
   * Decode, check and validate on the event loop: a bench event is about 1 KB and its schema has no costly pattern, so
   * this is the bounded work Go EPR does in its request's goroutine.
   */
  private void createEvent(HttpServerRequest request, Buffer body) {
    JsonNode in;
    try {
      in = EprJson.MAPPER.readTree(body.getBytes());
    } catch (Exception e) {
      refuse(request, 400, "invalid input: " + e.getMessage());
      return;
    }
    Nvrpp nvrpp = new Nvrpp(in.path("name").asText(), in.path("version").asText(), in.path("release").asText(),
        in.path("platform_id").asText(), in.path("package").asText());
    String description = in.path("description").asText();
    if (Stream.of(nvrpp.name(), nvrpp.version(), nvrpp.release(), nvrpp.platformId(), nvrpp.pkg(), description)
        .anyMatch(String::isBlank)) {
      refuse(request, 400, "invalid input: an NVRPP field or the description is blank");
      return;
    }
    Receiver receiver = receivers.get(in.path("event_receiver_id").asText());
    if (receiver == null) {
      refuse(request, 400, "invalid input: receiver for event does not exist");
      return;
    }
    JsonNode payloadIn = in.get("payload");
    if (payloadIn == null) {
      refuse(request, 400, "invalid input: payload is required");
      return;
    }
    List<String> violations = receiver.schema().validate(payloadIn);
    if (!violations.isEmpty()) {
      refuse(request, 400, "invalid input: event payload did not match event receiver schema " + violations);
      return;
    }
    String id = Ulid.next();
    String payload = payloadIn.toString();
    boolean success = in.path("success").asBoolean();
    pool.preparedQuery(INSERT_EVENT).execute(Tuple.of(id, nvrpp.name(), nvrpp.version(), nvrpp.release(),
        nvrpp.platformId(), nvrpp.pkg(), description, payload, success, receiver.receiver().id()))
        .onSuccess(rows -> {
          Event event = new Event(id, nvrpp, description, payload, success,
              rows.iterator().next().getOffsetDateTime(0), receiver.receiver().id());
          String message = EprMessages.eventCreated(event, receiver.receiver());
          handOff.execute(() -> producer.send(new ProducerRecord<>(topic, message)));
          answer(request, 200, "{\"data\":\"" + id + "\"}\n");
        })
        .onFailure(e -> refuse(request, 500, "internal server error"));
  }

  /** EPR's error envelope. */
  private static void refuse(HttpServerRequest request, int status, String error) {
    answer(request, status, EprJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("data", "");
      g.writeArrayFieldStart("errors");
      g.writeString(error);
      g.writeEndArray();
      g.writeEndObject();
    }));
  }

  private static void answer(HttpServerRequest request, int status, String json) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }
}
