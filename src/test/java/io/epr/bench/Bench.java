package io.epr.bench;

import io.epr.embedded.EmbeddedKafkaBroker;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code bench/run}: every figure of the README's Performance section with its baseline, measured in one run on this
 * machine. The server is the packaged jar in its own process with the heap flags the README recommends, against the
 * real PostgreSQL, a Kafka broker in this process and a collector webhook here; the load comes from this process on
 * one event loop. Sections: {@code -Dsections=startup,cli,ingest,scaleout,sbom,queries,growth} (all by default).
 */
public final class Bench {
  /** The JVM flags the README recommends for the server. */
  public static final List<String> SERVER_FLAGS = List.of(System.getProperty("serverFlags",
      "-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").split(" "));

  final Path jar = Path.of("target/epr.jar").toAbsolutePath();
  final Path logs = Path.of("bench/logs").toAbsolutePath();
  final double seconds = Double.parseDouble(System.getProperty("seconds", "10"));
  final int runs = Integer.parseInt(System.getProperty("runs", "3"));
  final Table table = new Table();
  final EmbeddedKafkaBroker broker;

  private Bench() throws Exception {
    Files.createDirectories(logs);
    broker = EmbeddedKafkaBroker.start("127.0.0.1", TestBroker.freePort(), TestBroker.tempDir("bench-kafka"));
  }

  public static void main(String[] args) throws Exception {
    Set<String> sections = Arrays.stream(System.getProperty("sections",
        "startup,cli,ingest,scaleout,sbom,queries,growth")
        .split(",")).map(String::trim).collect(Collectors.toSet());
    Bench bench = new Bench();
    long started = System.nanoTime();
    try {
      if (sections.contains("startup")) {
        bench.startup();
        new EmbeddedStartupBench(bench).run();
      }
      if (sections.contains("cli")) {
        new CliBench(bench).run();
      }
      if (sections.contains("ingest") || sections.contains("scaleout")) {
        new IngestBench(bench).run(sections.contains("ingest"), sections.contains("scaleout"));
      }
      if (sections.contains("sbom")) {
        new SbomBench(bench).run();
      }
      if (sections.contains("queries")) {
        new QueryBench(bench, Integer.getInteger("events", 1_000_000)).run();
      }
      if (sections.contains("growth")) {
        new GrowthBench(bench).run();
      }
    } finally {
      bench.broker.close();
    }
    System.out.printf("%nbench finished in %.0f s; server logs in bench/logs%n%n", (System.nanoTime() - started) / 1e9);
    bench.table.print();
    System.exit(bench.table.failed() ? 1 : 0);
  }

  /** Process start to /healthz/readiness 200 with PostgreSQL and the broker already running. */
  private void startup() throws Exception {
    progress("start-up: %d starts of the server against a running PostgreSQL and broker", runs + 1);
    try (TestDatabase db = new TestDatabase()) {
      List<Double> restarts = new ArrayList<>();
      double first = 0;
      for (int i = 0; i <= runs; i++) {
        try (ServerProcess server = server(db, Map.of(), "startup")) {
          progress("  start %d: ready after %.2f s", i + 1, server.readySeconds);
          if (i == 0) {
            first = server.readySeconds;
          } else {
            restarts.add(server.readySeconds);
          }
        }
      }
      table.row("Start-up to readiness, database already migrated (median of " + runs + ")",
          Stats.of(restarts).describe("%.2f s"), "–", "≤ 3 s", Stats.of(restarts).median() <= 3);
      table.row("Start-up to readiness, first start (migrations applied)", String.format("%.2f s", first), "–", "–", true);
    }
  }

  /** The server on {@code db}, with the bench's broker and fresh topics. */
  ServerProcess server(TestDatabase db, Map<String, String> env, String name) throws Exception {
    return ServerProcess.start(jar, SERVER_FLAGS, environment(db, env, name), TestBroker.freePort(),
        logs.resolve(name + ".log"));
  }

  /** The {@link FireAndForgetServer} baseline on {@code db} (migrated, with receivers), as the server is started. */
  ServerProcess fireAndForgetServer(TestDatabase db, String name) throws Exception {
    return ServerProcess.fromClasspath(SERVER_FLAGS, FireAndForgetServer.class.getName(),
        environment(db, Map.of(), name), TestBroker.freePort(), logs.resolve(name + ".log"));
  }

  /** EPR_DB, the broker and topics named after {@code name} (created now), then {@code env}. */
  private Map<String, String> environment(TestDatabase db, Map<String, String> env, String name) throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("EPR_DB", db.url());
    all.put("EPR_BROKERS", broker.bootstrapServers());
    all.put("EPR_TOPIC", "bench." + name + ".events");
    all.put("EPR_CDEVENTS_TOPIC", "bench." + name + ".cdevents");
    all.putAll(env);
    createTopics(all.get("EPR_TOPIC"), all.get("EPR_CDEVENTS_TOPIC"));
    return all;
  }

  /** Created before the server starts, so the bench's readers can follow them from their first record. */
  private void createTopics(String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> topics = Arrays.stream(names).filter(n -> !existing.contains(n))
          .map(n -> new NewTopic(n, 1, (short) 1)).toList();
      admin.createTopics(topics).all().get();
    }
  }

  static void progress(String format, Object... args) {
    System.out.printf(format + "%n", args);
    System.out.flush();
  }

  /** The README's table: figure, measured, baseline, target, and whether the target holds. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private boolean failed;

    void row(String figure, String measured, String baseline, String target, boolean holds) {
      rows.add(new String[] {figure, measured, baseline, target, target.equals("–") ? "" : holds ? "yes" : "**no**"});
    }

    /** A run whose correctness check failed (lost, duplicated under another id, non-2xx) fails the bench. */
    void fail(String figure, String why) {
      failed = true;
      rows.add(new String[] {figure, "FAILED: " + why, "", "", "**no**"});
    }

    boolean failed() {
      return failed;
    }

    void print() {
      System.out.println("| figure | measured | baseline | target | holds |");
      System.out.println("|---|---|---|---|---|");
      rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }
  }

  /** Median and spread of repeated runs. */
  record Stats(List<Double> values) {
    static Stats of(List<Double> values) {
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(null);
      return new Stats(sorted);
    }

    double median() {
      return values.get(values.size() / 2);
    }

    String describe(String format) {
      String median = String.format(format, median());
      return values.size() == 1 ? median
          : median + " (" + String.format(format, values.get(0)) + " – " + String.format(format, values.get(values.size() - 1)) + ")";
    }
  }
}
