package io.epr.bench;

import io.epr.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How long a CLI call takes as a user runs it: start to exit of {@code epr --version} and of one read
 * ({@code epr receiver search}) against a server of the bench's, each as plain {@code java -jar} (the baseline) and
 * through {@code bin/epr} (class-data sharing from the client archive that its first call writes, and the JVM flags
 * for short runs). The archive beside the jar is removed first, so that the bench's first {@code bin/epr} call, a read,
 * writes it; that call is timed too. The two ways take turns, so that the machine's load weighs on both alike.
 */
final class CliBench {
  private static final Path EPR = Path.of("bin/epr").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final String RECEIVER = "bench-cli";
  private final Bench bench;

  CliBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    Path archive = Path.of(bench.jar.toString().replaceAll("\\.jar$", "-client.jsa"));
    Files.deleteIfExists(archive);
    Bench.progress("CLI calls: %d of each, plain java -jar and bin/epr, taking turns (load average %s)", bench.runs,
        loadAverage());
    try (TestDatabase db = new TestDatabase(); ServerProcess server = bench.server(db, Map.of(), "cli")) {
      Map<String, String> env = Map.of("EPR_URL", server.baseUrl(), "EPR_JAR", bench.jar.toString(),
          "PATH", JAVA.getParent() + ":" + System.getenv("PATH"));
      List<String> plain = List.of(JAVA.toString(), "-jar", bench.jar.toString());
      List<String> epr = List.of(EPR.toString());
      Call created = call(plain, env, "receiver", "create", "--name", RECEIVER, "--type", "bench.cli", "--version", "1",
          "--description", "read by the CLI bench");
      if (created.exitCode != 0) {
        bench.table.fail("CLI calls", "epr receiver create failed; see bench/logs/cli.log");
        return;
      }
      String id = created.output.replaceAll("(?s).*\"data\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      String[] read = {"receiver", "search", "--name", RECEIVER};
      Predicate<String> found = output -> output.contains(id);
      Predicate<String> version = output -> output.startsWith("epr ");

      Call first = call(epr, env, read);
      if (!found.test(first.output) || !Files.exists(archive)) {
        bench.table.fail("CLI: bin/epr's first call", "no answer or no archive " + archive + " after it");
        return;
      }
      Timings plainVersion = new Timings();
      Timings eprVersion = new Timings();
      Timings plainRead = new Timings();
      Timings eprRead = new Timings();
      for (int i = 0; i < bench.runs; i++) {
        boolean ok = plainVersion.add(call(plain, env, "--version"), version)
            && eprVersion.add(call(epr, env, "--version"), version)
            && plainRead.add(call(plain, env, read), found) && eprRead.add(call(epr, env, read), found);
        if (!ok) {
          bench.table.fail("CLI calls", "a call failed or printed something else; see bench/logs/cli.log");
          return;
        }
      }
      String load = loadAverage();
      Bench.progress("  first bin/epr call %.2f s (CPU %.2f s); --version %s (plain %s); read %s (plain %s); load "
          + "average %s", first.seconds, first.cpu, eprVersion, plainVersion, eprRead, plainRead, load);
      row("epr --version", eprVersion, plainVersion, load);
      row("epr receiver search --name … (one GraphQL read)", eprRead, plainRead, load);
      bench.table.row("CLI: bin/epr's first call, the same read, writing the client archive as it exits",
          String.format("%.2f s, CPU %.2f s", first.seconds, first.cpu), "–", "–", true);
    }
  }

  private void row(String command, Timings epr, Timings plain, String load) {
    bench.table.row("CLI: `" + command + "` start to exit, bin/epr (baseline: plain java -jar); median of "
        + bench.runs + ", load average " + load, epr.toString(), plain.toString(), "–", true);
  }

  /** Wall and CPU seconds of repeated calls of one command. */
  private static final class Timings {
    private final List<Double> seconds = new ArrayList<>();
    private final List<Double> cpu = new ArrayList<>();

    /** Whether the call exited 0 with the output expected. */
    boolean add(Call call, Predicate<String> expected) {
      seconds.add(call.seconds);
      cpu.add(call.cpu);
      return call.exitCode == 0 && expected.test(call.output);
    }

    @Override
    public String toString() {
      return Bench.Stats.of(seconds).describe("%.2f s") + ", CPU " + Bench.Stats.of(cpu).describe("%.2f s");
    }
  }

  private record Call(double seconds, double cpu, int exitCode, String output) {}

  private Call call(List<String> command, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Stream.concat(command.stream(), Stream.of(args)).toList())
        .redirectError(ProcessBuilder.Redirect.appendTo(bench.logs.resolve("cli.log").toFile()));
    builder.environment().putAll(env);
    double cpu = CpuMeter.exitedChildren();
    long started = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exitCode = process.waitFor();
    return new Call((System.nanoTime() - started) / 1e9, CpuMeter.exitedChildren() - cpu, exitCode, output);
  }

  /** The 1-minute load average (/proc/loadavg), the figures' context on a shared machine. */
  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }
}
