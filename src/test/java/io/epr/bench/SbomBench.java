package io.epr.bench;

import io.epr.support.SbomGenerator;
import io.epr.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SBOM ingest end to end (HTTP, validate, store, index) of a generated 20,000-component CycloneDX 1.6 SBOM against
 * cyclonedx-core-java's parse + validate of the same bytes in a JVM of its own with default flags, the two taking
 * turns round by round after the same warm-up (so that a machine whose load drifts weighs on both alike); and how
 * ingest time grows with size.
 */
final class SbomBench {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  /** Rounds each side runs before the measured ones: both JVMs' JIT compilers have compiled the hot paths by then. */
  private static final int WARM_UP = Integer.getInteger("sbomWarmup", 3);
  private final Bench bench;

  SbomBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    try (TestDatabase db = new TestDatabase(); ServerProcess server = bench.server(db, Map.of(), "sbom")) {
      byte[] big = SbomGenerator.json("1.6", 20_000, "pkg:oci/bench-app@1.0");
      int rounds = Math.max(bench.runs, 5);
      Bench.progress("SBOM: 20,000-component CycloneDX 1.6 SBOM of %.1f MB, %d rounds each after %d to warm up, "
          + "taking turns with cyclonedx-core-java in its own JVM", big.length / 1e6, rounds, WARM_UP);
      List<Double> ingest = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      try (Baseline parser = new Baseline(big)) {
        for (int i = 0; i < WARM_UP + rounds; i++) {
          long t = System.nanoTime();
          post(server, "big-" + i, big);
          double ms = (System.nanoTime() - t) / 1e6;
          double parsed = parser.round();
          Bench.progress("  round %d%s: ingest %.0f ms, cyclonedx-core-java parse + validate %.0f ms", i + 1,
              i < WARM_UP ? " (warm-up)" : "", ms, parsed);
          if (i >= WARM_UP) {
            ingest.add(ms);
            baseline.add(parsed);
          }
        }
      }
      Bench.Stats e = Bench.Stats.of(ingest);
      Bench.Stats b = Bench.Stats.of(baseline);
      bench.table.row(String.format("SBOM ingest, 20,000 components (%.0f MB CycloneDX 1.6 JSON), HTTP → validate → "
              + "store → index (median of %d after %d to warm up)", big.length / 1e6, rounds, WARM_UP),
          e.describe("%.0f ms"), "cyclonedx-core-java parse + validate of the same bytes, its own JVM, taking turns: "
              + b.describe("%.0f ms") + "; ratio of the medians " + String.format("%.2f", e.median() / b.median()),
          "ratio ≤ 1.5", e.median() / b.median() <= 1.5);
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

  /** {@link SbomBaseline} in its own JVM of default flags (but the heap a 13 MB SBOM's tree needs), one round a call. */
  private static final class Baseline implements AutoCloseable {
    private final Path file;
    private final Process process;
    private final BufferedReader times;
    private final Writer rounds;

    Baseline(byte[] sbom) throws Exception {
      file = Files.createTempFile("bench-sbom", ".json");
      Files.write(file, sbom);
      process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
          "-cp", System.getProperty("java.class.path"), SbomBaseline.class.getName(), file.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      times = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      rounds = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Validates and parses the SBOM once; the time in ms. */
    double round() throws Exception {
      rounds.write("\n");
      rounds.flush();
      String ms = times.readLine();
      if (ms == null) {
        throw new IllegalStateException("the SBOM baseline exited with " + process.waitFor());
      }
      return Double.parseDouble(ms);
    }

    @Override
    public void close() throws Exception {
      rounds.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
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
