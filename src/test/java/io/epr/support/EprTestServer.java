package io.epr.support;

import io.epr.EprServer;
import io.epr.config.EprConfig;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole service, started as {@code java -jar epr.jar} would start it, against a fresh database on the real
 * PostgreSQL and a real Kafka broker, with a topic of its own.
 */
public final class EprTestServer implements AutoCloseable {
  public final TestDatabase db;
  public final String brokers;
  public final String topic;
  public final int port = TestBroker.freePort();
  public final Http http = new Http(url(""));
  private final EprServer server;
  private final EprConfig config;
  private final boolean ownsDatabase;

  public EprTestServer() {
    this(TestBroker.sharedBootstrap(), Map.of());
  }

  /** With another broker and extra EPR_* settings. */
  public EprTestServer(String brokers, Map<String, String> env) {
    this(new TestDatabase(), true, brokers, env);
  }

  private EprTestServer(TestDatabase db, boolean ownsDatabase, String brokers, Map<String, String> env) {
    this.db = db;
    this.ownsDatabase = ownsDatabase;
    this.brokers = brokers;
    this.topic = env.getOrDefault("EPR_TOPIC", "epr.test." + UUID.randomUUID());
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("EPR_HOST", "127.0.0.1");
    all.put("EPR_PORT", String.valueOf(port));
    all.put("EPR_DB", db.url());
    all.put("EPR_BROKERS", brokers);
    all.put("EPR_TOPIC", topic);
    config = EprConfig.from(List.of(), all);
    server = EprServer.start(config);
  }

  /**
   * Another instance of {@code first}'s service, as behind a load balancer: its database, broker and topic, a port of
   * its own. Closing it leaves the database to {@code first}.
   */
  public static EprTestServer besides(EprTestServer first) {
    return new EprTestServer(first.db, false, first.brokers, Map.of("EPR_TOPIC", first.topic));
  }

  /**
   * Forwarding its CDEvents to the collector, and to a CDEvents topic of its own, with the public URL
   * https://epr.example.com.
   */
  public static EprTestServer forwardingCdeventsTo(StandInCollector collector) {
    return new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_CDVIZ_URL", collector.url(),
        "EPR_CDEVENTS_TOPIC", "epr.test.cdevents." + System.nanoTime(), "EPR_PUBLIC_URL", "https://epr.example.com"));
  }

  /** The address of {@code path} on this server, for a client of the test's own (a browser). */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public EprConfig config() {
    return config;
  }

  public TopicReader reader() {
    return new TopicReader(brokers, topic);
  }

  @Override
  public void close() {
    server.close();
    if (ownsDatabase) {
      db.close();
    }
  }
}
