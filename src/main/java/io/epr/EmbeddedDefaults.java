package io.epr;

import io.epr.config.EprConfig;
import io.epr.embedded.EmbeddedKafkaBroker;
import io.epr.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL and Kafka broker a start needs when EPR_DB or EPR_BROKERS is unset. They start at once, each
 * on a thread of its own, while the server builds the rest: a restart then waits for the slowest of them, not their
 * sum. Each says what it is doing (the one-time first initialisation too, which takes seconds) and when it is ready.
 */
final class EmbeddedDefaults implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EprServer.class);

  private final CompletableFuture<EmbeddedPostgresServer> postgres;
  private final CompletableFuture<EmbeddedKafkaBroker> kafka;
  private final String dbUrl;
  private final String brokers;

  private EmbeddedDefaults(EprConfig config) {
    if (config.db() == null) {
      int port = EmbeddedPostgresServer.freePort();
      dbUrl = EmbeddedPostgresServer.url(port);
      Path dir = config.dataDir().resolve("postgres").toAbsolutePath();
      if (EmbeddedPostgresServer.isInitialised(dir)) {
        LOG.info("EPR_DB unset: starting embedded PostgreSQL (data in {})…", dir);
      } else {
        LOG.info("EPR_DB unset: embedded PostgreSQL's first start, {}initialising the database in {} (once, a few seconds)…",
            EmbeddedPostgresServer.binaries().map(bin -> "extracting its binaries to " + bin + ", ").orElse(""), dir);
      }
      postgres = onThreadOfItsOwn("epr-embedded-postgres", () -> EmbeddedPostgresServer.start(dir, port),
          started -> "embedded PostgreSQL ready at " + dbUrl);
    } else {
      dbUrl = config.db();
      postgres = CompletableFuture.completedFuture(null);
    }
    if (config.brokers() == null) {
      Path dir = config.dataDir().resolve("kafka").toAbsolutePath();
      brokers = ListenPorts.EMBEDDED_KAFKA_HOST + ":" + config.embeddedKafkaPort();
      LOG.info(EmbeddedKafkaBroker.isFormatted(dir) ? "EPR_BROKERS unset: starting in-process Kafka broker (data in {})…"
          : "EPR_BROKERS unset: the in-process Kafka broker's first start, formatting its storage in {} (once)…", dir);
      kafka = onThreadOfItsOwn("epr-embedded-kafka", () -> EmbeddedKafkaBroker.start(ListenPorts.EMBEDDED_KAFKA_HOST,
          config.embeddedKafkaPort(), dir), started -> "in-process Kafka broker ready at " + started.bootstrapServers());
    } else {
      brokers = config.brokers();
      kafka = CompletableFuture.completedFuture(null);
    }
  }

  /** Starts what the configuration leaves to EPR and returns at once. */
  static EmbeddedDefaults start(EprConfig config) {
    return new EmbeddedDefaults(config);
  }

  /** EPR_DB, or the URL the embedded PostgreSQL listens on (or will soon). */
  String dbUrl() {
    return dbUrl;
  }

  /** Returns once the embedded PostgreSQL, if any, accepts connections. */
  void awaitDatabase() {
    await(postgres);
  }

  /** EPR_BROKERS, or the address the embedded broker listens on (or will soon). */
  String brokers() {
    return brokers;
  }

  /** Returns once the embedded broker, if any, serves clients. */
  void awaitBroker() {
    await(kafka);
  }

  /** Stops what started, once it has finished starting; their data stays. */
  @Override
  public void close() {
    EmbeddedKafkaBroker broker = kafka.handle((started, failed) -> started).join();
    if (broker != null) {
      broker.close();
    }
    EmbeddedPostgresServer database = postgres.handle((started, failed) -> started).join();
    if (database != null) {
      database.close();
    }
  }

  private static <T> CompletableFuture<T> onThreadOfItsOwn(String name, Supplier<T> start,
      Function<T, String> ready) {
    long began = System.nanoTime();
    Executor thread = task -> new Thread(task, name).start();
    return CompletableFuture.supplyAsync(start, thread).whenComplete((started, failed) -> {
      if (started != null) {
        LOG.info("{} in {} s", ready.apply(started), String.format("%.1f", (System.nanoTime() - began) / 1e9));
      }
    });
  }

  private static <T> T await(CompletableFuture<T> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
