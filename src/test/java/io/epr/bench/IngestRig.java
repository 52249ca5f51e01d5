package io.epr.bench;

import io.epr.bench.Deliveries.Arrival;
import io.epr.bench.LoadGenerator.Ack;
import io.epr.bench.LoadGenerator.Run;
import io.epr.store.Migrations;
import io.epr.store.PgConfig;
import io.epr.support.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment under the bench's load: its server process(es) on a fresh database, a reader of its Kafka topics, a
 * collector webhook when it forwards CDEvents, and a load generator posting the bench's events over its servers. It
 * keeps what it acknowledged, so that {@link #check} can say every acknowledged event was stored and reached each of
 * its destinations under one record id. Either this service ({@link #epr}) or the fire-and-forget baseline
 * ({@link #fireAndForget}), loaded and measured the same way.
 */
final class IngestRig implements AutoCloseable {
  /** An open-loop run: the POSTs' answers, and the same events' times from POST to visible on Kafka. */
  record OpenLoop(Run answers, Run toKafka) {}

  /** A rig's closed-loop runs at 64 connections: their rates, and their CPU per event. */
  static final class Series {
    private final List<Run> runs = new ArrayList<>();
    private CpuMeter.Reading cpu = new CpuMeter.Reading(0, 0, 0);
    private long events;

    Bench.Stats rate() {
      return Bench.Stats.of(runs.stream().map(Run::perSecond).toList());
    }

    /** The run of the median rate. */
    Run median() {
      return runs.stream().sorted(Comparator.comparingDouble(Run::perSecond)).toList().get(runs.size() / 2);
    }

    CpuMeter.Reading cpuPerEvent() {
      return cpu.perEvent(events);
    }
  }

  final String name;
  final TestDatabase db = new TestDatabase();
  final List<ServerProcess> servers = new ArrayList<>();
  private final Bench bench;
  private final Map<String, Deliveries> destinations = new LinkedHashMap<>();
  private final List<Ack> acked = new ArrayList<>();
  private Deliveries.Collector collector;
  private Deliveries.TopicDeliveries topics;
  private LoadGenerator load;

  private IngestRig(Bench bench, String name) {
    this.bench = bench;
    this.name = name;
  }

  /** {@code instances} servers of this service, forwarding CDEvents to the rig's collector; topics bench.{name}.*. */
  static IngestRig epr(Bench bench, String name, int instances) throws Exception {
    IngestRig rig = new IngestRig(bench, name);
    try {
      rig.collector = new Deliveries.Collector();
      for (int i = 0; i < instances; i++) {
        rig.servers.add(bench.server(rig.db, Map.of("EPR_CDVIZ_URL", rig.collector.url()), name));
      }
      rig.follow(name, IngestBench.pipelineReceivers(rig.servers.get(0).baseUrl()));
      rig.destinations.put("EPR messages on Kafka", rig.topics.eprMessages);
      rig.destinations.put("CDEvents on Kafka", rig.topics.cdevents);
      rig.destinations.put("CDEvents at the collector", rig.collector.cdevents);
      return rig;
    } catch (Exception e) {
      rig.close();
      throw e;
    }
  }

  /** The {@link FireAndForgetServer} on a database migrated as the service migrates it, with the same receivers. */
  static IngestRig fireAndForget(Bench bench, String name) throws Exception {
    IngestRig rig = new IngestRig(bench, name);
    try {
      Migrations.migrate(PgConfig.fromUrl(rig.db.url()));
      String[] receivers = IngestBench.pipelineReceivers(rig.db);
      rig.servers.add(bench.fireAndForgetServer(rig.db, name));
      rig.follow(name, receivers);
      rig.destinations.put("EPR messages on Kafka", rig.topics.eprMessages);
      return rig;
    } catch (Exception e) {
      rig.close();
      throw e;
    }
  }

  private void follow(String name, String[] receivers) {
    topics = new Deliveries.TopicDeliveries(bench.broker.bootstrapServers(), "bench." + name + ".events",
        "bench." + name + ".cdevents");
    load = new LoadGenerator(servers.stream().map(ServerProcess::baseUrl).toList(), "/api/v1/events",
        IngestBench.bodies(receivers));
  }

  /**
   * After a warm-up run each, the bench's runs at 64 connections of each rig in turn, the first of a round alternating,
   * so that a machine whose load drifts weighs on them alike; each run's CPU is read around it.
   */
  static List<Series> takingTurns(Bench bench, List<IngestRig> rigs) throws Exception {
    for (IngestRig rig : rigs) {
      Bench.progress("%s: warming up (%.0f s at 64 connections)", rig.name, bench.seconds);
      rig.delivered(64);
    }
    List<Series> all = rigs.stream().map(rig -> new Series()).toList();
    for (int i = 0; i < bench.runs; i++) {
      for (int turn = 0; turn < rigs.size(); turn++) {
        int r = i % 2 == 0 ? turn : rigs.size() - 1 - turn;
        IngestRig rig = rigs.get(r);
        CpuMeter meter = rig.cpu();
        CpuMeter.Reading before = meter.read();
        Run run = rig.delivered(64);
        Series series = all.get(r);
        series.cpu = series.cpu.plus(meter.read().minus(before));
        series.events += run.ok();
        series.runs.add(run);
        Bench.progress("  %s, run %d: %.0f events/s delivered, answer p50 %.1f ms p99 %.1f ms", rig.name, i + 1,
            run.perSecond(), run.percentile(50), run.percentile(99));
      }
    }
    return all;
  }

  /** The first server's CPU, its database's PostgreSQL processes' and the bench's. */
  private CpuMeter cpu() {
    String url = db.url();
    return new CpuMeter(servers.get(0).pid(), url.substring(url.lastIndexOf('/') + 1));
  }

  /**
   * A closed-loop run of the bench's seconds whose rate counts the time until every event it got acknowledged reached
   * every destination: what the deployment sustains, not how fast it can fill its outbox or its producer's buffer.
   */
  Run delivered(int connections) throws InterruptedException {
    long start = System.nanoTime();
    Run run = keep(load.closedLoop(connections, bench.seconds));
    awaitDelivered(ids(run.acks()));
    double seconds = (System.nanoTime() - start) / 1e9;
    Bench.progress("    %d connections: %.0f answered/s over %.1f s, all delivered after %.1f s", connections,
        run.perSecond(), run.seconds(), seconds);
    return new Run(connections, seconds, run.ok(), run.failures(), run.latencies(), run.acks());
  }

  /** {@code rate} events a second for {@code seconds}, open loop; each one's time from POST to visible on Kafka. */
  OpenLoop openLoop(double rate, double seconds) throws InterruptedException {
    Run answers = keep(load.openLoop(rate, seconds, 256));
    awaitDelivered(ids(answers.acks()));
    List<Double> toKafka = new ArrayList<>();
    for (Ack a : answers.acks()) {
      toKafka.add((topics.eprMessages.of(a.id()).firstNanos() - a.sentNanos()) / 1e6);
    }
    toKafka.sort(null);
    return new OpenLoop(answers, new Run(0, answers.seconds(), answers.ok(), answers.failures(), toKafka,
        answers.acks()));
  }

  private Run keep(Run run) {
    if (run.failed() > 0) {
      bench.table.fail("a load run", run.failed() + " of " + (run.ok() + run.failed()) + " requests failed, first: "
          + run.firstFailure());
    }
    acked.addAll(run.acks());
    return run;
  }

  /** Every acknowledged event stored, and at each destination under one record id; a row, or a failed bench. */
  void check(String part) throws Exception {
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
    awaitDelivered(ids);
    StringBuilder summary = new StringBuilder(String.format("%d acknowledged, %d stored", ids.size(), stored));
    boolean ok = stored == ids.size();
    for (Map.Entry<String, Deliveries> d : destinations.entrySet()) {
      String tally = tally(d.getValue(), ids);
      summary.append("; ").append(d.getKey()).append(": ").append(tally);
      ok &= !tally.contains("lost") && !tally.contains("other");
    }
    Bench.progress("  %s", summary);
    if (ok) {
      bench.table.row("Correctness, " + part + " (all its runs)", summary.toString(), "–",
          "none lost, none under two ids", true);
    } else {
      bench.table.fail("Correctness, " + part, summary.toString());
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
  private void awaitDelivered(List<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    for (Deliveries d : destinations.values()) {
      while (!d.containsAll(ids) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  private static List<String> ids(List<Ack> acks) {
    return acks.stream().map(Ack::id).toList();
  }

  @Override
  public void close() throws Exception {
    if (load != null) {
      load.close();
    }
    if (topics != null) {
      topics.close();
    }
    for (ServerProcess server : servers) {
      server.close();
    }
    if (collector != null) {
      collector.close();
    }
    db.close();
  }
}
