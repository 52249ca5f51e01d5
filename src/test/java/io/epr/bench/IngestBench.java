package io.epr.bench;

import io.epr.bench.Deliveries.Arrival;
import io.epr.bench.LoadGenerator.Ack;
import io.epr.bench.LoadGenerator.Run;
import io.epr.store.Migrations;
import io.epr.store.PgConfig;
import io.epr.support.Bodies;
import io.epr.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event ingest: events/s at 64 connections against pgbench inserting the same event row and one outbox row per
 * transaction at 64 clients; how rate and latency grow with connections; POST-to-Kafka latency at half the peak rate;
 * the server's peak memory; two instances on one database. Each part ends with the correctness check: every
 * acknowledged event stored, on Kafka, its CDEvent on Kafka and at the collector, each under one record id.
 */
public final class IngestBench {
  private static final String RECEIVER_SCHEMA = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
       "required": ["run_id", "pipeline_name", "trigger", "git", "stages"],
       "properties": {
         "run_id": {"type": "string", "minLength": 1},
         "pipeline_name": {"type": "string", "minLength": 1},
         "trigger": {"enum": ["push", "pull_request", "schedule", "manual"]},
         "git": {"type": "object", "required": ["repository", "sha", "branch"],
                 "properties": {"repository": {"type": "string", "format": "uri"},
                                "sha": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
                                "branch": {"type": "string"}}},
         "stages": {"type": "array", "maxItems": 50, "items": {"type": "object", "required": ["name", "seconds"],
                    "properties": {"name": {"type": "string"}, "seconds": {"type": "number", "minimum": 0}}}},
         "labels": {"type": "object", "additionalProperties": {"type": "string"}}
       }}""";
  private static final String[] STAGES = {"queued", "started", "finished"};

  private final Bench bench;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final List<Ack> acked = new ArrayList<>();

  IngestBench(Bench bench) {
    this.bench = bench;
  }

  void run(boolean ingest, boolean scaleOut) throws Exception {
    double single = Double.NaN;
    if (ingest) {
      single = ingest();
    }
    if (scaleOut) {
      scaleOut(single);
    }
  }

  private double ingest() throws Exception {
    List<Double> baseline = pgbench();
    Bench.Table table = bench.table;
    try (TestDatabase db = new TestDatabase(); Deliveries.Collector collector = new Deliveries.Collector();
        ServerProcess server = bench.server(db, Map.of("EPR_CDVIZ_URL", collector.url()), "ingest");
        Deliveries.TopicDeliveries topics = new Deliveries.TopicDeliveries(bench.broker.bootstrapServers(),
            "bench.ingest.events", "bench.ingest.cdevents");
        LoadGenerator load = new LoadGenerator(List.of(server.baseUrl()), "/api/v1/events", events(server))) {
      Bench.progress("ingest: warming up (%.0f s at 64 connections)", bench.seconds);
      delivered(load, 64, topics, collector);
      List<Double> peak = new ArrayList<>();
      Map<Integer, Run> byConnections = new java.util.TreeMap<>();
      CpuMeter cpu = new CpuMeter(server.pid());
      CpuMeter.Reading before = cpu.read();
      long events = 0;
      for (int i = 0; i < bench.runs; i++) {
        Run run = delivered(load, 64, topics, collector);
        events += run.ok();
        Bench.progress("  run %d: %.0f events/s delivered, answer p50 %.1f ms p99 %.1f ms, %d failed", i + 1,
            run.perSecond(), run.percentile(50), run.percentile(99), run.failed());
        peak.add(run.perSecond());
        if (i == bench.runs / 2) {
          byConnections.put(64, run);
        }
      }
      String cpuPerEvent = cpu.read().minus(before).perThousand(events);
      Bench.progress("  CPU per 1,000 events: %s", cpuPerEvent);
      double peakRss = server.peakRssMb();
      Bench.Stats rate = Bench.Stats.of(peak);
      Bench.Stats pg = Bench.Stats.of(baseline);
      table.row("Ingest at 64 connections: POST /api/v1/events, ~1 KB payload validated, stored, delivered to Kafka "
              + "and the collector (events/s until the last was delivered, median of " + bench.runs + " runs of "
              + (int) bench.seconds + " s)",
          rate.describe("%.0f"), "pgbench, event + outbox row per transaction, 64 clients: " + pg.describe("%.0f")
              + " tps; ratio " + String.format("%.2f", rate.median() / pg.median()),
          "ratio ≥ 1.0", rate.median() / pg.median() >= 1.0);
      table.row("CPU per 1,000 events in those runs, until delivered", cpuPerEvent, "–", "–", true);
      table.row("Server peak RSS during the ingest runs (" + String.join(" ", Bench.SERVER_FLAGS) + ")",
          String.format("%.0f MB", peakRss), "–", "≤ 512 MB", peakRss <= 512);

      for (int connections : new int[] {4, 16, 256}) {
        Run run = delivered(load, connections, topics, collector);
        Bench.progress("  %d connections: %.0f events/s, answer p99 %.1f ms", connections, run.perSecond(),
            run.percentile(99));
        byConnections.put(connections, run);
      }
      byConnections.forEach((connections, run) -> table.row("… at " + connections + " connections",
          String.format("%.0f events/s delivered, answer p50 %.1f ms, p99 %.1f ms", run.perSecond(), run.percentile(50),
              run.percentile(99)), "–", "–", true));

      double rateHalf = rate.median() / 2;
      Bench.progress("latency: %.0f events/s (half the peak) for %.0f s, open loop", rateHalf, 2 * bench.seconds);
      Run open = keep(load.openLoop(rateHalf, 2 * bench.seconds, 256));
      awaitDelivered(ids(open.acks()), topics.eprMessages);
      List<Double> toKafka = new ArrayList<>();
      for (Ack a : open.acks()) {
        toKafka.add((topics.eprMessages.of(a.id()).firstNanos() - a.sentNanos()) / 1e6);
      }
      toKafka.sort(null);
      Run visible = new Run(0, open.seconds(), open.ok(), open.failures(), toKafka, open.acks());
      Bench.progress("  POST → Kafka p50 %.1f ms, p99 %.1f ms", visible.percentile(50), visible.percentile(99));
      table.row(String.format("POST → record visible to a Kafka consumer, open loop at %.0f events/s (half the peak), "
          + "%d events", rateHalf, open.ok()), String.format("p50 %.1f ms, p99 %.1f ms", visible.percentile(50),
          visible.percentile(99)), "–", "p50 ≤ 10 ms, p99 ≤ 50 ms",
          visible.percentile(50) <= 10 && visible.percentile(99) <= 50);
      table.row("… the POST's answer in that run", String.format("p50 %.1f ms, p99 %.1f ms", open.percentile(50),
          open.percentile(99)), "–", "–", true);
      check("ingest", db, topics, collector);
      return rate.median();
    }
  }

  /** Two servers on one database, broker and collector, the load spread over both. */
  private void scaleOut(double single) throws Exception {
    acked.clear();
    try (TestDatabase db = new TestDatabase(); Deliveries.Collector collector = new Deliveries.Collector();
        ServerProcess one = bench.server(db, Map.of("EPR_CDVIZ_URL", collector.url()), "scaleout");
        ServerProcess two = bench.server(db, Map.of("EPR_CDVIZ_URL", collector.url()), "scaleout");
        Deliveries.TopicDeliveries topics = new Deliveries.TopicDeliveries(bench.broker.bootstrapServers(),
            "bench.scaleout.events", "bench.scaleout.cdevents");
        LoadGenerator load = new LoadGenerator(List.of(one.baseUrl(), two.baseUrl()), "/api/v1/events", events(one))) {
      Bench.progress("scale-out: two instances, warming up");
      delivered(load, 64, topics, collector);
      List<Double> rates = new ArrayList<>();
      for (int i = 0; i < bench.runs; i++) {
        Run run = delivered(load, 64, topics, collector);
        Bench.progress("  run %d: %.0f events/s over both", i + 1, run.perSecond());
        rates.add(run.perSecond());
      }
      Bench.Stats both = Bench.Stats.of(rates);
      bench.table.row("Two instances on one database and broker, 64 connections spread over both (events/s)",
          both.describe("%.0f"), Double.isNaN(single) ? "–" : String.format("one instance: %.0f", single),
          "above one instance", Double.isNaN(single) || both.median() > single);
      check("scale-out", db, topics, collector);
    }
  }

  /**
   * A closed-loop run whose rate counts the time until every event it got acknowledged was delivered to Kafka and the
   * collector: what the service sustains, not how fast it can fill its outbox.
   */
  private Run delivered(LoadGenerator load, int connections, Deliveries.TopicDeliveries topics,
      Deliveries.Collector collector) throws InterruptedException {
    long start = System.nanoTime();
    Run run = keep(load.closedLoop(connections, bench.seconds));
    awaitDelivered(ids(run.acks()), topics.eprMessages, topics.cdevents, collector.cdevents);
    double seconds = (System.nanoTime() - start) / 1e9;
    Bench.progress("    %d connections: %.0f answered/s over %.1f s, all delivered after %.1f s", connections,
        run.perSecond(), run.seconds(), seconds);
    return new Run(connections, seconds, run.ok(), run.failures(), run.latencies(), run.acks());
  }

  private Run keep(Run run) {
    if (run.failed() > 0) {
      bench.table.fail("a load run", run.failed() + " of " + (run.ok() + run.failed()) + " requests failed, first: "
          + run.firstFailure());
    }
    acked.addAll(run.acks());
    return run;
  }

  /** Every acknowledged event stored, and delivered under one record id to each destination. */
  private void check(String part, TestDatabase db, Deliveries.TopicDeliveries topics, Deliveries.Collector collector)
      throws Exception {
    List<String> ids = ids(acked);
    Bench.progress("%s: checking %d acknowledged events", part, ids.size());
    long stored;
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE id = ANY(?)")) {
      Array array = c.createArrayOf("varchar", ids.toArray());
      s.setArray(1, array);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        stored = r.getLong(1);
      }
    }
    awaitDelivered(ids, topics.eprMessages, topics.cdevents, collector.cdevents);
    String kafka = tally(topics.eprMessages, ids);
    String cdeventsKafka = tally(topics.cdevents, ids);
    String cdviz = tally(collector.cdevents, ids);
    String summary = String.format("%d acknowledged, %d stored; EPR messages on Kafka: %s; CDEvents on Kafka: %s; "
        + "CDEvents at the collector: %s", ids.size(), stored, kafka, cdeventsKafka, cdviz);
    Bench.progress("  %s", summary);
    boolean ok = stored == ids.size() && !(kafka + cdeventsKafka + cdviz).contains("lost") && !summary.contains("other");
    if (ok) {
      bench.table.row("Correctness, " + part + " (all its runs)", summary, "–", "none lost, none under two ids", true);
    } else {
      bench.table.fail("Correctness, " + part, summary);
    }
  }

  /** "n delivered" with the lost, copied (same id) and re-identified (another id) if any. */
  private static String tally(Deliveries deliveries, List<String> ids) {
    long delivered = 0;
    long lost = 0;
    long copies = 0;
    long otherIds = 0;
    for (String id : ids) {
      Arrival a = deliveries.of(id);
      if (a == null) {
        lost++;
        continue;
      }
      delivered++;
      copies += a.copies() - a.recordIds().size();
      otherIds += a.recordIds().size() - 1;
    }
    return delivered + " delivered" + (lost > 0 ? ", " + lost + " lost" : "")
        + (copies > 0 ? ", " + copies + " copies under the same id" : "")
        + (otherIds > 0 ? ", " + otherIds + " under other ids" : "");
  }

  /** Waits up to 2 minutes until each destination has every one of {@code ids}; the check then counts what is not. */
  private static void awaitDelivered(List<String> ids, Deliveries... destinations) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    for (Deliveries d : destinations) {
      while (!d.containsAll(ids) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  private static List<String> ids(List<Ack> acks) {
    return acks.stream().map(Ack::id).toList();
  }

  /** Event bodies cycling through a pipeline run's three receivers (queued, started, finished) for each release. */
  private java.util.function.LongFunction<Buffer> events(ServerProcess server) throws Exception {
    String[] receivers = pipelineReceivers(server.baseUrl());
    return n -> Buffer.buffer(event(n, receivers[(int) (n % STAGES.length)]));
  }

  /** Creates the receivers of a pipeline run's stages (queued, started, finished); their ids in that order. */
  public static String[] pipelineReceivers(String baseUrl) throws IOException, InterruptedException {
    String[] receivers = new String[STAGES.length];
    for (int i = 0; i < STAGES.length; i++) {
      receivers[i] = post(baseUrl + "/api/v1/receivers", Bodies.receiver("bench-pipeline-" + STAGES[i],
          "dev.bench.pipelinerun." + STAGES[i], RECEIVER_SCHEMA).toString());
    }
    return receivers;
  }

  /** The n of the {@link #event} stored with this release on the receiver of {@code stage} (0 queued … 2 finished). */
  public static long sequenceOf(int stage, String release) {
    return Long.parseLong(release.substring(release.lastIndexOf('-') + 1)) * STAGES.length + stage;
  }

  /**
   * The n-th event of the bench: run n / 3 of bench-app (its own release), on the receiver given for stage n % 3. Text
   * formatted at once rather than a support.Bodies tree: the load loops build one per request.
   */
  public static String event(long n, String receiverId) {
    long run = n / STAGES.length;
    return """
        {"name": "bench-app", "version": "1.4.%d", "release": "2026.11.27-%d", "platform_id": "linux-x86_64",
         "package": "oci", "description": "pipeline run %d of bench-app", "success": true,
         "event_receiver_id": "%s",
         "payload": {"run_id": "run-%d", "pipeline_name": "bench-app-build", "trigger": "push",
          "git": {"repository": "https://git.example.com/platform/bench-app.git",
                  "sha": "%040x", "branch": "main"},
          "stages": [{"name": "checkout", "seconds": 2.1}, {"name": "compile", "seconds": 61.5},
                     {"name": "unit-tests", "seconds": 140.2}, {"name": "integration-tests", "seconds": 321.9},
                     {"name": "package", "seconds": 12.7}, {"name": "scan", "seconds": 45.0},
                     {"name": "publish", "seconds": 8.3}],
          "labels": {"team": "platform", "cost-center": "cc-1234", "environment": "ci",
                     "runner": "linux-x86_64-large-%d", "requested-by": "bench@example.com",
                     "ticket": "PLAT-%d"}}}""".formatted(run % 100, run, run, receiverId, run, run, run % 16, run % 9999);
  }

  private static String post(String url, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("POST " + url + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  /** pgbench on a database with the service's tables: one event row and one log (outbox) row per transaction. */
  private List<Double> pgbench() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      Migrations.migrate(PgConfig.fromUrl(db.url()));
      try (Connection c = db.connect()) {
        c.createStatement().execute("INSERT INTO event_receivers (id, name, type, version, description, schema, "
            + "fingerprint) VALUES ('bench-receiver', 'bench', 'dev.bench.pipelinerun.started', '1.0.0', 'pgbench', "
            + "'{}', 'none')");
      }
      String event = event(1, "bench-receiver");
      String payload = event.substring(event.indexOf("\"payload\": ") + 11, event.length() - 1).replace("'", "''");
      Path script = bench.logs.resolve("pgbench-event-outbox.sql");
      Files.writeString(script, """
          BEGIN;
          INSERT INTO events (id, name, version, release, platform_id, package, description, payload, success, event_receiver_id)
            VALUES (md5(random()::text || clock_timestamp()::text), 'bench-app', '1.4.1', '2026.11.27-' || :client_id, 'linux-x86_64', 'oci', 'pipeline run', '%s', true, 'bench-receiver');
          INSERT INTO epr_log (record_id, topic, record_key, payload, sinks)
            VALUES (md5(random()::text), 'bench.events', 'bench-app/1.4.1', '%s', '{kafka}');
          END;
          """.formatted(payload.replace("\n", " "), event.replace("'", "''").replace("\n", " ")));
      PgConfig pg = PgConfig.fromUrl(db.url());
      List<Double> tps = new ArrayList<>();
      for (int i = 0; i < bench.runs; i++) {
        Process p = new ProcessBuilder("pgbench", "-n", "-c", "64", "-j", "2", "-T", String.valueOf((int) bench.seconds),
            "-f", script.toString(), "-h", pg.host(), "-p", String.valueOf(pg.port()), "-U", pg.user(), pg.database())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Matcher m = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (p.waitFor() != 0 || !m.find()) {
          throw new IllegalStateException("pgbench failed (is pgbench installed? apt-get install postgresql-client):\n" + out);
        }
        tps.add(Double.parseDouble(m.group(1)));
        Bench.progress("pgbench baseline run %d: %.0f tps", i + 1, tps.get(i));
      }
      return tps;
    }
  }
}
