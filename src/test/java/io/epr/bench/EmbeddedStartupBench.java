package io.epr.bench;

import io.epr.support.TestBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Start-up with the embedded defaults, as a new user runs EPR: the jar with EPR_DB and EPR_BROKERS unset and a fresh
 * EPR_DATA_DIR (the first start initialises PostgreSQL and formats the broker's storage), then restarts on the same
 * data, each stopped with SIGTERM once its broker serves too. The restarts run without and then with class-data
 * sharing (an archive of the classes a run loaded, dumped at its exit with -XX:ArchiveClassesAtExit, as bin/epr does).
 */
final class EmbeddedStartupBench {
  private final Bench bench;

  EmbeddedStartupBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    Path data = TestBroker.tempDir("bench-embedded");
    Path archive = bench.logs.resolve("epr-bench.jsa");
    Files.deleteIfExists(archive);
    Bench.progress("start-up with the embedded defaults: a first start in %s, then %d restarts without and with "
        + "class-data sharing", data, bench.runs);
    double first = start(data, List.of(), "first start")[0];
    List<Double> ready = new ArrayList<>();
    List<Double> brokerUp = new ArrayList<>();
    for (int i = 0; i < bench.runs; i++) {
      double[] restart = start(data, List.of(), "restart " + (i + 1));
      ready.add(restart[0]);
      brokerUp.add(restart[1]);
    }
    start(data, List.of("-XX:ArchiveClassesAtExit=" + archive), "restart dumping the class-data archive");
    if (!Files.exists(archive)) {
      throw new IllegalStateException("no class-data archive " + archive + " after the run that dumps it");
    }
    List<Double> readyShared = new ArrayList<>();
    List<Double> brokerUpShared = new ArrayList<>();
    for (int i = 0; i < bench.runs; i++) {
      double[] restart = start(data, List.of("-XX:SharedArchiveFile=" + archive), "restart with it " + (i + 1));
      readyShared.add(restart[0]);
      brokerUpShared.add(restart[1]);
    }
    bench.table.row("Embedded defaults (EPR_DB, EPR_BROKERS unset): first start to readiness, fresh EPR_DATA_DIR",
        String.format("%.2f s", first), "–", "–", true);
    restartRow("restart on the same data to readiness (median of " + bench.runs + ")", ready, brokerUp);
    restartRow("… the same with class-data sharing", readyShared, brokerUpShared);
  }

  private void restartRow(String figure, List<Double> ready, List<Double> brokerUp) {
    Bench.Stats stats = Bench.Stats.of(ready);
    bench.table.row("Embedded defaults: " + figure + "; the broker serving after", stats.describe("%.2f s") + "; "
        + Bench.Stats.of(brokerUp).describe("%.2f s"), "–", "≤ 3 s", stats.median() <= 3);
  }

  /** Seconds from process start to readiness and to the embedded broker accepting connections; then stops it. */
  private double[] start(Path data, List<String> extraFlags, String name) throws Exception {
    int kafkaPort = TestBroker.freePort();
    Map<String, String> env = Map.of("EPR_DB", "", "EPR_BROKERS", "", "EPR_DATA_DIR", data.toString(),
        "EPR_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort));
    List<String> flags = Stream.concat(Bench.SERVER_FLAGS.stream(), extraFlags.stream()).toList();
    long started = System.nanoTime();
    try (ServerProcess server = ServerProcess.start(bench.jar, flags, env, TestBroker.freePort(),
        bench.logs.resolve("startup-embedded.log"))) {
      while (!accepts(kafkaPort)) {
        Thread.sleep(5);
      }
      double brokerUp = (System.nanoTime() - started) / 1e9;
      Bench.progress("  %s: ready after %.2f s, broker serving after %.2f s", name, server.readySeconds, brokerUp);
      return new double[] {server.readySeconds, brokerUp};
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }
}
