package io.epr.bench;

import io.epr.support.SbomGenerator;
import io.epr.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SBOM ingest end to end (HTTP, validate, store, index) of a generated 20,000-component CycloneDX 1.6 SBOM against
 * cyclonedx-core-java's parse + validate of the same bytes in a JVM of default flags; and how ingest time grows
 * with size.
 */
final class SbomBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final Bench bench;

  SbomBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    try (TestDatabase db = new TestDatabase(); ServerProcess server = bench.server(db, Map.of(), "sbom")) {
      byte[] big = SbomGenerator.json("1.6", 20_000, "pkg:oci/bench-app@1.0");
      Bench.progress("SBOM: 20,000-component CycloneDX 1.6 SBOM of %.1f MB, %d rounds after 2 to warm up",
          big.length / 1e6, bench.runs);
      List<Double> ingest = new ArrayList<>();
      for (int i = 0; i < bench.runs + 2; i++) {
        long t = System.nanoTime();
        post(server, "big-" + i, big);
        double ms = (System.nanoTime() - t) / 1e6;
        if (i >= 2) { // the first two rounds warm the server's JIT up
          ingest.add(ms);
        }
        Bench.progress("  round %d: ingest %.0f ms", i + 1, ms);
      }
      List<Double> baseline = baseline(big);
      Bench.Stats e = Bench.Stats.of(ingest);
      Bench.Stats b = Bench.Stats.of(baseline);
      bench.table.row(String.format("SBOM ingest, 20,000 components (%.0f MB CycloneDX 1.6 JSON), HTTP → validate → "
              + "store → index (median of %d)", big.length / 1e6, bench.runs), e.describe("%.0f ms"),
          "cyclonedx-core-java parse + validate of the same bytes: " + b.describe("%.0f ms") + "; ratio "
              + String.format("%.2f", e.median() / b.median()), "ratio ≤ 2.0", e.median() / b.median() <= 2.0);
      for (int components : new int[] {1_000, 10_000, 50_000}) {
        byte[] sbom = SbomGenerator.json("1.6", components, "pkg:oci/bench-size@" + components);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < bench.runs; i++) {
          long t = System.nanoTime();
          post(server, "size-" + components + "-" + i, sbom);
          times.add((System.nanoTime() - t) / 1e6);
        }
        Bench.progress("  %,d components: %s", components, Bench.Stats.of(times).describe("%.0f ms"));
        bench.table.row(String.format("… SBOM of %,d components (%.1f MB)", components, sbom.length / 1e6),
            Bench.Stats.of(times).describe("%.0f ms"), "–", "–", true);
      }
    }
  }

  /** Parse + validate times of the same bytes after two rounds of warm-up, in a JVM of their own. */
  private List<Double> baseline(byte[] sbom) throws Exception {
    Path file = Files.createTempFile("bench-sbom", ".json");
    try {
      Files.write(file, sbom);
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
          "-cp", System.getProperty("java.class.path"), SbomBaseline.class.getName(), file.toString(),
          String.valueOf(bench.runs + 2)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
      if (p.waitFor() != 0 || lines.size() != bench.runs + 2) {
        throw new IllegalStateException("the SBOM baseline failed: " + lines);
      }
      lines.forEach(ms -> Bench.progress("  cyclonedx-core-java parse + validate: %s ms", ms.replaceAll("\\..*", "")));
      return lines.subList(2, lines.size()).stream().map(Double::parseDouble).toList();
    } finally {
      Files.delete(file);
    }
  }

  static String post(ServerProcess server, String release, byte[] sbom) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
            + "/api/v1/sboms?name=bench&version=1&release=" + release + "&platform_id=linux&package=oci"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(sbom)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("POST /api/v1/sboms: HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
