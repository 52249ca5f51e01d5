package io.epr.bench;

import io.epr.bench.LoadGenerator.Run;
import io.epr.model.EventReceiver;
import io.epr.model.Ulid;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event ingest: events/s at 64 connections, taking turns with a fire-and-forget pipeline (the design it replaces:
 * {@link FireAndForgetServer}) on the same database server and broker, and against pgbench inserting the same event
 * row and one outbox row per transaction at 64 clients; CPU per event; how rate and latency grow with connections;
 * POST-to-Kafka latency at half and at a tenth of the peak rate; the server's peak memory; two instances on one
 * database against one. Each deployment ends with the correctness check: every acknowledged event stored and at each destination,
 * each under one record id.
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

  IngestBench(Bench bench) {
    this.bench = bench;
  }

  void run(boolean ingest, boolean scaleOut) throws Exception {
    if (ingest) {
      ingest();
    }
    if (scaleOut) {
      scaleOut();
    }
  }

  private void ingest() throws Exception {
    Bench.Stats pg = Bench.Stats.of(pgbench());
    Bench.Table table = bench.table;
    try (IngestRig epr = IngestRig.epr(bench, "ingest", 1)) {
      IngestRig.Series service;
      try (IngestRig baseline = IngestRig.fireAndForget(bench, "fireandforget")) {
        List<IngestRig.Series> turns = IngestRig.takingTurns(bench, List.of(epr, baseline));
        service = turns.get(0);
        rates(service, turns.get(1), pg);
        baseline.check("fire-and-forget pipeline");
      }
      double peakRss = epr.servers.get(0).peakRssMb();
      table.row("Server peak RSS during the ingest runs (" + String.join(" ", Bench.SERVER_FLAGS) + ")",
          String.format("%.0f MB", peakRss), "–", "≤ 512 MB", peakRss <= 512);
      connections(epr, service.median());
      double peak = service.rate().median();
      latency(epr, peak / 2, "half the peak", 25, 100);
      latency(epr, peak / 10, "a tenth of the peak", 10, 50);
      epr.check("ingest");
    }
  }

  /** The rates of this service, the fire-and-forget pipeline and pgbench, their ratios, and CPU per event. */
  private void rates(IngestRig.Series service, IngestRig.Series fireAndForget, Bench.Stats pg) {
    Bench.Table table = bench.table;
    Bench.Stats rate = service.rate();
    Bench.Stats baseline = fireAndForget.rate();
    String runs = bench.runs + " runs of " + (int) bench.seconds + " s";
    table.row("Ingest at 64 connections: POST /api/v1/events, ~1 KB payload validated, stored, delivered to Kafka "
        + "and the collector (events/s until the last was delivered, median of " + runs + ", taking turns with the "
        + "fire-and-forget pipeline)", rate.describe("%.0f"), "–", "–", true);
    table.row("Fire-and-forget pipeline at 64 connections, same events, PostgreSQL and broker: decode, validate "
        + "against the receiver's schema, one INSERT, the EPR message handed to a Kafka producer not waited for "
        + "(events/s until the last was on Kafka, median of " + runs + ")", baseline.describe("%.0f"), "–", "–", true);
    table.row("pgbench, event + outbox row per transaction, 64 clients (tps, median of " + runs + ")",
        pg.describe("%.0f"), "–", "–", true);
    table.row("ingest ÷ fire-and-forget pipeline (medians)", String.format("%.2f", rate.median() / baseline.median()),
        "–", "≥ 1.0", rate.median() / baseline.median() >= 1.0);
    table.row("ingest ÷ pgbench (medians)", String.format("%.2f", rate.median() / pg.median()), "–", "≥ 0.5",
        rate.median() / pg.median() >= 0.5);
    CpuMeter.Reading cpu = service.cpuPerEvent();
    Bench.progress("  CPU per event: %s; fire-and-forget pipeline: %s", cpu.describe(),
        fireAndForget.cpuPerEvent().describe());
    table.row("CPU per event in the ingest runs, until delivered: PostgreSQL / server / all", cpu.describe(),
        "fire-and-forget pipeline: " + fireAndForget.cpuPerEvent().describe(), "≤ 0.5 / ≤ 0.5 / ≤ 1.2 ms",
        cpu.postgres() <= 0.5 && cpu.server() <= 0.5 && cpu.all() <= 1.2);
  }

  /** Rate and answer times at 4, 16 and 256 connections beside the median run at 64; the answer at 4 has a goal. */
  private void connections(IngestRig epr, Run at64) throws Exception {
    Map<Integer, Run> byConnections = new TreeMap<>(Map.of(64, at64));
    for (int connections : new int[] {4, 16, 256}) {
      Run run = epr.delivered(connections);
      Bench.progress("  %d connections: %.0f events/s, answer p50 %.1f ms p99 %.1f ms", connections, run.perSecond(),
          run.percentile(50), run.percentile(99));
      byConnections.put(connections, run);
    }
    byConnections.forEach((connections, run) -> bench.table.row("… at " + connections + " connections",
        String.format("%.0f events/s delivered, answer p50 %.1f ms, p99 %.1f ms", run.perSecond(), run.percentile(50),
            run.percentile(99)), "–", "–", true));
    Run four = byConnections.get(4);
    bench.table.row("The POST's answer at 4 connections (closed loop, " + (int) bench.seconds + " s)",
        String.format("p50 %.1f ms", four.percentile(50)), "–", "p50 ≤ 10 ms", four.percentile(50) <= 10);
  }

  /** POST → visible on Kafka at {@code rate} events/s, open loop for twice the bench's seconds. */
  private void latency(IngestRig epr, double rate, String share, double p50Goal, double p99Goal) throws Exception {
    Bench.progress("latency: %.0f events/s (%s) for %.0f s, open loop", rate, share, 2 * bench.seconds);
    IngestRig.OpenLoop open = epr.openLoop(rate, 2 * bench.seconds);
    Run visible = open.toKafka();
    Bench.progress("  POST → Kafka p50 %.1f ms, p99 %.1f ms; answer p50 %.1f ms, p99 %.1f ms", visible.percentile(50),
        visible.percentile(99), open.answers().percentile(50), open.answers().percentile(99));
    bench.table.row(String.format("POST → record visible to a Kafka consumer, open loop at %.0f events/s (%s), "
        + "%d events", rate, share, visible.ok()), String.format("p50 %.1f ms, p99 %.1f ms", visible.percentile(50),
        visible.percentile(99)), "–", String.format("p50 ≤ %.0f ms, p99 ≤ %.0f ms", p50Goal, p99Goal),
        visible.percentile(50) <= p50Goal && visible.percentile(99) <= p99Goal);
    bench.table.row("… the POST's answer in that run", String.format("p50 %.1f ms, p99 %.1f ms",
        open.answers().percentile(50), open.answers().percentile(99)), "–", "–", true);
  }

  /**
   * Two servers on one database, broker and collector, the load spread over both, taking turns with one server on a
   * database of its own: what the instances lose to coordinating on the same machine.
   */
  private void scaleOut() throws Exception {
    try (IngestRig one = IngestRig.epr(bench, "scaleout-one", 1); IngestRig two = IngestRig.epr(bench, "scaleout", 2)) {
      List<IngestRig.Series> turns = IngestRig.takingTurns(bench, List.of(one, two));
      Bench.Stats single = turns.get(0).rate();
      Bench.Stats both = turns.get(1).rate();
      double ratio = both.median() / single.median();
      bench.table.row("Two instances on one database and broker, 64 connections spread over both (events/s, median of "
          + bench.runs + " runs of " + (int) bench.seconds + " s, taking turns with one instance)", both.describe("%.0f"),
          "one instance: " + single.describe("%.0f") + String.format("; ratio %.2f", ratio), "ratio ≥ 0.95",
          ratio >= 0.95);
      one.check("scale-out, one instance");
      two.check("scale-out, two instances");
    }
  }

  /** Event bodies cycling through a pipeline run's three receivers (queued, started, finished) for each release. */
  static LongFunction<Buffer> bodies(String[] receivers) {
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

  /**
   * The same receivers written straight into a migrated database (for the fire-and-forget pipeline, which has no
   * receiver API); their ids in that order.
   */
  static String[] pipelineReceivers(TestDatabase db) throws Exception {
    String[] receivers = new String[STAGES.length];
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("INSERT INTO event_receivers (id, name, "
        + "type, version, description, schema, fingerprint) VALUES (?, ?, ?, '1', 'd', ?::jsonb, ?)")) {
      for (int i = 0; i < STAGES.length; i++) {
        String type = "dev.bench.pipelinerun." + STAGES[i];
        receivers[i] = Ulid.next();
        s.setString(1, receivers[i]);
        s.setString(2, "bench-pipeline-" + STAGES[i]);
        s.setString(3, type);
        s.setString(4, RECEIVER_SCHEMA);
        s.setString(5, EventReceiver.fingerprint("bench-pipeline-" + STAGES[i], type, "1", "d"));
        s.executeUpdate();
      }
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
