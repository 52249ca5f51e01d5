package io.epr.faults;

import io.epr.bench.Bench;
import io.epr.bench.Deliveries;
import io.epr.bench.IngestBench;
import io.epr.bench.LoadGenerator;
import io.epr.bench.LoadGenerator.Run;
import io.epr.bench.ServerProcess;
import io.epr.support.TestBroker;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One fault run's world: the service as its own process (this JVM's classpath, {@code io.epr.Main}) on a port that
 * stays the same across restarts, its database, a broker, topics of its own read from their start, a collector webhook,
 * and a load generator posting the bench's pipeline-run events (each of which becomes an EPR message and a CDEvent).
 * Keeps every load run for the reconciliation, and closes everything it started, whatever happened.
 */
final class FaultRig implements AutoCloseable {
  static final Path LOGS = Path.of("target", "faults");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** How the rig looks at the service's database: a JDBC connection as the superuser. */
  interface Database {
    Connection connect() throws SQLException;
  }

  final String name;
  final int port = TestBroker.freePort();
  final Deliveries.Collector collector;
  final Deliveries.TopicDeliveries topics;
  private final Database database;
  private final Map<String, String> env = new HashMap<>();
  private final Path log;
  private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
  private ServerProcess server;
  private String[] receivers;
  private LoadGenerator load;

  /**
   * @param db the service's EPR_DB
   * @param brokers the service's EPR_BROKERS
   * @param settings more EPR_* settings for the service
   */
  FaultRig(String name, String db, Database database, String brokers, Map<String, String> settings)
      throws IOException {
    this.name = name;
    this.database = database;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String eprTopic = "faults." + name + "." + suffix + ".events";
    String cdeventsTopic = "faults." + name + "." + suffix + ".cdevents";
    createTopics(brokers, eprTopic, cdeventsTopic);
    Files.createDirectories(LOGS);
    log = LOGS.resolve(name + ".log");
    Files.deleteIfExists(log);
    collector = new Deliveries.Collector();
    try {
      topics = new Deliveries.TopicDeliveries(brokers, eprTopic, cdeventsTopic);
    } catch (RuntimeException e) {
      collector.close();
      throw e;
    }
    env.putAll(Map.of("EPR_DB", db, "EPR_BROKERS", brokers, "EPR_TOPIC", eprTopic, "EPR_CDEVENTS_TOPIC",
        cdeventsTopic, "EPR_CDVIZ_URL", collector.url()));
    env.putAll(settings);
  }

  /**
   * Starts the service (again, on the same port and database) and waits until it is ready; the first time, creates
   * the pipeline's receivers. The seconds until ready.
   */
  double start() throws IOException, InterruptedException {
    server = ServerProcess.fromClasspath(Bench.SERVER_FLAGS, env, port, log);
    if (receivers == null) {
      receivers = IngestBench.pipelineReceivers(server.baseUrl());
      String[] ids = receivers;
      String keys = "fault-" + UUID.randomUUID() + "-";
      load = new LoadGenerator(List.of(server.baseUrl()), "/api/v1/events",
          n -> Buffer.buffer(IngestBench.event(n, ids[(int) (n % ids.length)])), n -> keys + n);
    }
    return server.readySeconds;
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    server.kill();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Clients that each post their next event as soon as the last is answered, while {@code going} says so. */
  CompletableFuture<Run> closedLoop(int clients, BooleanSupplier going) {
    return inBackground(() -> load.closedLoopWhile(clients, going));
  }

  /** The requests of {@code run} that failed, sent again with their Idempotency-Keys, as a careful client does. */
  CompletableFuture<Run> retryFailures(Run run, int clients) {
    return inBackground(() -> load.retry(run.failures(), clients));
  }

  /** {@code rate} events a second for {@code seconds}, whatever the answers. */
  CompletableFuture<Run> openLoop(double rate, double seconds) {
    return inBackground(() -> load.openLoop(rate, seconds, 512));
  }

  private CompletableFuture<Run> inBackground(Supplier<Run> load) {
    CompletableFuture<Run> run = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        Run done = load.get();
        runs.add(done);
        run.complete(done);
      } catch (Throwable e) {
        run.completeExceptionally(e);
      }
    }, "fault-load-" + name);
    thread.setDaemon(true);
    thread.start();
    return run;
  }

  /** Every load run so far. */
  List<Run> runs() {
    return List.copyOf(runs);
  }

  /** The status of GET {@code path}, 0 when nothing answered within 2 s. */
  int status(String path) {
    return get(path).statusCode();
  }

  /** GET {@code path}; a response with status 0 when nothing answered within 2 s. */
  Answer get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, e.toString());
    }
  }

  record Answer(int statusCode, String body) {}

  /**
   * Waits until every stored event arrived everywhere (or {@code wait} passed), then checks the whole account; an
   * event loop Vert.x reported blocked, in any of the server's runs, is a problem too.
   */
  Figures reconcile(Figures figures, Duration wait) throws Exception {
    new Ledger(receivers, runs(), database, topics, collector).reconcile(figures, wait);
    figures.note("server log: %s (%d lines at ERROR)", log, errorLines());
    List<String> blocked = blockedEventLoops();
    if (!blocked.isEmpty()) {
      figures.problem("Vert.x reported an event loop blocked %d times (stacks in %s), first: %s", blocked.size(), log,
          blocked.get(0));
    }
    return figures;
  }

  /** Seconds from {@code nanos} until the last thing first arrived at {@code destination}. */
  static double secondsAfter(Deliveries destination, long nanos) {
    return (destination.events().stream().mapToLong(id -> destination.of(id).firstNanos()).max().orElse(nanos)
        - nanos) / 1e9;
  }

  /** The log's warnings of a blocked event loop (io.epr.metrics.BlockedThreads; workers have their own names). */
  private List<String> blockedEventLoops() throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("has been blocked for") && l.contains("vert.x-eventloop-thread")).toList();
    }
  }

  private long errorLines() throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(" ERROR ")).count();
    }
  }

  /** Deletes a directory a run made (a database's or a broker's data), with everything in it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void createTopics(String brokers, String... names) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      admin.createTopics(Arrays.stream(names).map(n -> new NewTopic(n, 1, (short) 1)).toList()).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics on " + brokers, e);
    }
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(load);
    parts.add(server);
    parts.add(topics);
    parts.add(collector);
    Exception first = null;
    for (AutoCloseable part : parts) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
