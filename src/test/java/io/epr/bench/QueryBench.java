package io.epr.bench;

import io.epr.support.Bodies;
import io.epr.support.SbomGenerator;
import io.epr.support.TestDatabase;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;

/**
 * Query latency over a registry of a realistic size: 1,000,000 events (250,000 NVRPPs of four events, 500 names of
 * 20 versions each, loaded with COPY) and 1,000 SBOMs of 200 components (posted through the API, so they are indexed
 * as in production); then p50/p99 of {@code provenance(…)} and {@code components(purl:)} from one client, and of what
 * the console's pages ask: event_search, a build's page (provenance with its gates, pending on a group of two
 * receivers), compare. The growth section fills its registry the same way, larger.
 */
final class QueryBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final int SBOMS = Integer.getInteger("sboms", 1_000);
  private static final int QUERIES = Integer.getInteger("queries", 2_000);
  private final Bench bench;
  private final int events;
  private final int nvrpps;

  QueryBench(Bench bench, int events) {
    this.bench = bench;
    this.events = events;
    this.nvrpps = events / 4;
  }

  void run() throws Exception {
    try (TestDatabase db = new TestDatabase(); ServerProcess server = bench.server(db, Map.of(), "queries")) {
      fill(db, server);
      queries(server);
      consolePages(server);
    }
  }

  /** The registry: this bench's events by COPY (vacuumed, analysed, checkpointed), then its SBOMs by the API. */
  void fill(TestDatabase db, ServerProcess server) throws Exception {
    String receiver = createReceiver(server, "bench-build", "dev.bench.build.finished");
    String scan = createReceiver(server, "bench-scan", "dev.bench.scan.finished");
    post(server, "/api/v1/groups", Bodies.group("bench-gate", receiver, scan).toString());
    long t = System.nanoTime();
    copyEvents(db, receiver);
    double copySeconds = (System.nanoTime() - t) / 1e9;
    t = System.nanoTime();
    postSboms(server);
    double sbomSeconds = (System.nanoTime() - t) / 1e9;
    bench.table.row(String.format("Loading %,d events with COPY (then VACUUM ANALYZE, CHECKPOINT); %,d SBOMs of 200 "
        + "components through the API (4 clients)", events, SBOMS), String.format("%.0f s; %.0f s (%.0f SBOMs/s)",
        copySeconds, sbomSeconds, SBOMS / sbomSeconds), "–", "–", true);
  }

  /** p50/p99 of provenance(…) and components(purl:), each a row with the goal p99 ≤ 20 ms. */
  void queries(ServerProcess server) throws Exception {
    List<Double> provenance = measure(server, i -> {
      int k = i % 2 == 0 ? sbomNvrpp(ThreadLocalRandom.current().nextInt(SBOMS))
          : ThreadLocalRandom.current().nextInt(nvrpps);
      return "{provenance(" + nvrppArguments(k) + ") {events {id, created_at, success, "
          + "event_receiver {name, type}} sboms {id, spec_version, component_count} groups_completed {id} "
          + "cdevents {id, type}}}";
    }, answer -> answer.split("\"success\"", -1).length - 1 >= 4);
    List<Double> components = measure(server, i -> "{components(purl: \\\""
        + (i % 2 == 0 ? "pkg:maven/org.example.group0/component-7" : "pkg:maven/org.example.group3/component-17@1.7.0")
        + "\\\", first: 100) {sbom_id, release, component {name, version}}}", answer -> answer.contains("sbom_id"));
    row("provenance(…) of one NVRPP (4 events, half with an SBOM)", provenance, 20);
    row("components(purl:), with and without version (up to 100 uses)", components, 20);
  }

  /** What the console's pages ask, over the same data. */
  private void consolePages(ServerProcess server) throws Exception {
    List<Double> search = measure(server, i -> {
      int k = ThreadLocalRandom.current().nextInt(nvrpps);
      String filter = switch (i % 5) {
        case 0 -> "name: \\\"app-" + k % 500 + "\\\", ";
        case 1 -> "release: \\\"r" + k + "\\\", ";
        case 2 -> String.format("since: \\\"2026-11-%02dT00:00:00Z\\\", until: \\\"2026-11-%02dT12:00:00Z\\\", ",
            1 + k % 27, 1 + k % 27);
        case 3 -> "success: false, receiver_type: \\\"dev.bench.build.finished\\\", ";
        default -> "";
      };
      return "{event_search(" + filter + "first: " + (i % 2 == 0 ? 25 : 100)
          + ") {events {id, name, version, release, created_at, success, event_receiver {name, type}} next}}";
    }, answer -> answer.contains("\"events\":[{"));
    List<Double> build = measure(server, i -> {
      int k = i % 2 == 0 ? sbomNvrpp(ThreadLocalRandom.current().nextInt(SBOMS))
          : ThreadLocalRandom.current().nextInt(nvrpps);
      return "{provenance(" + nvrppArguments(k) + ") {events {id, created_at, success, description, "
          + "event_receiver {name, type}} gates {group {id, name}, complete, missing {id, name}} sboms {id, "
          + "spec_version, component_count, created_at, components(first: 50) {name, version, purl, licenses}} "
          + "test_reports {id} cdevents {id, type, kafka_delivered, cdviz_delivered}}}";
    }, answer -> answer.contains("\"complete\":false"));
    List<Double> compare = measure(server, i -> {
      int a = sbomNvrpp(ThreadLocalRandom.current().nextInt(SBOMS));
      int b = i % 2 == 0 ? sbomNvrpp(ThreadLocalRandom.current().nextInt(SBOMS)) : ThreadLocalRandom.current().nextInt(nvrpps);
      return "{compare(a: " + nvrppInput(a) + ", b: " + nvrppInput(b) + ") {added {name, b_version} removed {name, "
          + "a_version} changed {name, a_version, b_version, a_licenses, b_licenses} events_only_in_a {id} "
          + "events_only_in_b {id}}}";
    }, answer -> answer.contains("\"changed\""));
    row("console: event_search by name or release prefix, a time range, outcome and type, none (25 or 100 events)",
        search, 50);
    row("console: a build's page (provenance with events, gates, SBOMs and 50 components, CDEvents)", build, 50);
    row("console: compare two builds (two SBOMs of 200 components, or one and none)", compare, 50);
  }

  private static String nvrppInput(int k) {
    return "{" + nvrppArguments(k) + "}";
  }

  /** NVRPP k's five fields as GraphQL arguments, quoted for a query inside a JSON string. */
  private static String nvrppArguments(int k) {
    return "name: \\\"" + name(k) + "\\\", version: \\\"" + version(k) + "\\\", release: \\\"r" + k
        + "\\\", platform_id: \\\"linux\\\", package: \\\"oci\\\"";
  }

  private void row(String what, List<Double> latencies, double targetMs) {
    LoadGenerator.Run run = new LoadGenerator.Run(1, 0, latencies.size(), List.of(), latencies, List.of());
    Bench.progress("  %s: p50 %.1f ms, p99 %.1f ms", what, run.percentile(50), run.percentile(99));
    bench.table.row(String.format("%s over %,d events and %,d SBOMs (%,d queries, one client)", what, events, SBOMS,
        latencies.size()), String.format("p50 %.1f ms, p99 %.1f ms", run.percentile(50), run.percentile(99)), "–",
        String.format("p99 ≤ %.0f ms", targetMs), run.percentile(99) <= targetMs);
  }

  private interface Query {
    String text(int i);
  }

  private interface Check {
    boolean ok(String answer);
  }

  /** Sequential queries after 200 to warm up; every answer checked. Latencies sorted, in ms. */
  private List<Double> measure(ServerProcess server, Query query, Check check) throws Exception {
    List<Double> latencies = new ArrayList<>(QUERIES);
    for (int i = 0; i < QUERIES + 200; i++) {
      String body = "{\"query\":\"" + query.text(i) + "\"}";
      long t = System.nanoTime();
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/graphql/query"))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - t) / 1e6;
      if (r.statusCode() != 200 || r.body().contains("\"errors\"") || !check.ok(r.body())) {
        throw new IllegalStateException("query " + body + " answered HTTP " + r.statusCode() + ": " + r.body());
      }
      if (i >= 200) {
        latencies.add(ms);
      }
    }
    latencies.sort(null);
    return latencies;
  }

  private static String name(int k) {
    return "app-" + (k % 500);
  }

  /** 20 versions of each name: k % 500 is the name, so (k / 500) % 20 the version. */
  private static String version(int k) {
    return "1." + (k / 500 % 20) + ".0";
  }

  private int sbomNvrpp(int i) {
    return i * (nvrpps / SBOMS);
  }

  private String createReceiver(ServerProcess server, String name, String type) throws Exception {
    return post(server, "/api/v1/receivers", Bodies.receiver(name, type, "{\"type\": \"object\"}").toString())
        .replaceAll("(?s).*\"data\":\"([^\"]+)\".*", "$1");
  }

  private static String post(ServerProcess server, String path, String body) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("POST " + path + ": HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Four events for each NVRPP, one second apart, streamed to COPY in chunks of about 8 MB. */
  private void copyEvents(TestDatabase db, String receiver) throws Exception {
    Bench.progress("loading %,d events with COPY", events);
    try (Connection c = db.connect()) {
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder rows = new StringBuilder();
      long reported = 0;
      for (int n = 0; n < events; n++) {
        int k = n / 4;
        rows.append(String.format("bench%021d\t%s\t%s\tr%d\tlinux\toci\tbuild step %d\t"
                + "{\"run_id\": \"run-%d\", \"step\": %d, \"log\": \"https://ci.example.com/runs/%d/%d\"}\t%s\t"
                + "2026-11-%02d 10:%02d:%02d+00\t%s\n", n, name(k), version(k), k, n % 4, k, n % 4, k, n % 4,
            n % 7 != 3, 1 + k % 27, k % 60, n % 4, receiver));
        if (rows.length() > 8_000_000 || n == events - 1) {
          copy.copyIn("COPY events (id, name, version, release, platform_id, package, description, payload, success, "
              + "created_at, event_receiver_id) FROM STDIN", new StringReader(rows.toString()));
          rows.setLength(0);
          if (n + 1 - reported >= events / 10) {
            reported = n + 1;
            Bench.progress("  %,d events", n + 1);
          }
        }
      }
      // as a registry that grew over months: vacuumed (visibility map set) and analysed, the writes checkpointed
      c.createStatement().execute("VACUUM ANALYZE events");
      c.createStatement().execute("CHECKPOINT");
    }
  }

  private void postSboms(ServerProcess server) throws Exception {
    Bench.progress("posting %,d SBOMs", SBOMS);
    byte[] sbom = SbomGenerator.json("1.6", 200, "pkg:oci/bench-lib@1.0");
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> posted = new ArrayList<>();
      for (int i = 0; i < SBOMS; i++) {
        int k = sbomNvrpp(i);
        posted.add(clients.submit(() -> {
          HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
              + "/api/v1/sboms?name=" + name(k) + "&version=" + version(k) + "&release=r" + k
              + "&platform_id=linux&package=oci")).POST(HttpRequest.BodyPublishers.ofByteArray(sbom)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("POST /api/v1/sboms: HTTP " + r.statusCode() + ": " + r.body());
          }
          return r.body();
        }));
      }
      for (int i = 0; i < posted.size(); i++) {
        posted.get(i).get();
        if ((i + 1) % 250 == 0) {
          Bench.progress("  %,d SBOMs", i + 1);
        }
      }
    } finally {
      clients.shutdown();
    }
  }
}
