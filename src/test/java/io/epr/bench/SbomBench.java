package io.epr.bench;

import io.epr.support.EprTestServer;
import io.epr.support.SbomGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The SBOM figures of the README, measured against their baselines in one run (bench/run):
 * end-to-end ingest of a 20,000-component CycloneDX 1.6 SBOM (HTTP, validate, store, index) against
 * cyclonedx-core-java's parse + validate of the same bytes in this JVM; and the latency of
 * {@code components(purl:)} over 1,000 stored SBOMs.
 */
public final class SbomBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(System.getProperty("rounds", "5"));
    int sboms = Integer.parseInt(System.getProperty("sboms", "1000"));
    int queries = Integer.parseInt(System.getProperty("queries", "2000"));
    try (EprTestServer server = new EprTestServer()) {
      String base = "http://127.0.0.1:" + server.port;
      byte[] big = SbomGenerator.json("1.6", 20_000, "pkg:oci/bench-app@1.0");
      System.out.printf("20,000-component CycloneDX 1.6 SBOM: %.1f MB%n", big.length / 1e6);

      List<Double> baseline = new ArrayList<>();
      List<Double> ingest = new ArrayList<>();
      for (int i = 0; i < rounds + 2; i++) {
        long t0 = System.nanoTime();
        JsonParser parser = new JsonParser();
        if (!parser.validate(big, Version.VERSION_16).isEmpty()) {
          throw new IllegalStateException("the generated SBOM is not valid");
        }
        parser.parse(big);
        long t1 = System.nanoTime();
        post(base + "/api/v1/sboms?name=bench&version=1&release=big-" + i + "&platform_id=linux&package=oci", big);
        long t2 = System.nanoTime();
        if (i >= 2) { // the first two rounds warm the JIT up
          baseline.add((t1 - t0) / 1e6);
          ingest.add((t2 - t1) / 1e6);
        }
        System.out.printf("  round %d: parse+validate %.0f ms, ingest %.0f ms%n", i + 1, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
      }
      double b = median(baseline);
      double e = median(ingest);

      byte[] small = SbomGenerator.json("1.6", 200, "pkg:oci/bench-lib@1.0");
      long loadStart = System.nanoTime();
      for (int i = 0; i < sboms; i++) {
        post(base + "/api/v1/sboms?name=bench-lib&version=1&release=r" + i + "&platform_id=linux&package=oci", small);
        if ((i + 1) % 200 == 0) {
          System.out.printf("  stored %d of %d SBOMs%n", i + 1, sboms);
        }
      }
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      List<Double> latencies = new ArrayList<>();
      String[] purls = {"pkg:maven/org.example.group0/component-7", "pkg:maven/org.example.group3/component-17@1.7.0"};
      for (int i = 0; i < queries; i++) {
        String query = "{\"query\":\"{components(purl: \\\"" + purls[i % 2] + "\\\") {sbom_id, release, component {name, version}}}\"}";
        long t = System.nanoTime();
        String answer = post(base + "/api/v1/graphql/query", query.getBytes());
        if (i >= 100) {
          latencies.add((System.nanoTime() - t) / 1e6);
        }
        if (answer.contains("\"errors\"")) {
          throw new IllegalStateException(answer);
        }
      }
      Collections.sort(latencies);
      System.out.println();
      System.out.println("| figure | measured | baseline | ratio | target |");
      System.out.println("|---|---|---|---|---|");
      System.out.printf("| SBOM ingest, 20,000 components (median of %d) | %.0f ms | %.0f ms parse + validate | %.2f | ≤ 2.0 |%n",
          rounds, e, b, e / b);
      System.out.printf("| components(purl:) over %d SBOMs (%d queries) | p50 %.1f ms, p99 %.1f ms | – | – | p99 ≤ 20 ms |%n",
          sboms, latencies.size(), percentile(latencies, 50), percentile(latencies, 99));
      System.out.printf("| loading %d SBOMs of 200 components | %.1f s (%.0f SBOMs/s) | – | – | – |%n",
          sboms, loadSeconds, sboms / loadSeconds);
    }
    System.exit(0);
  }

  private static String post(String url, byte[] body) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double percentile(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
