package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.TestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code epr} started with a port it needs held by something else (a port this test holds, free when it chose it)
 * stops at once, before starting its embedded PostgreSQL or broker, with one line naming the setting that moves the
 * port, and a non-zero exit: not after the database came up with pages of the broker's stack traces.
 */
class BusyPortTest {
  /** Far below the 36 s a busy broker port cost before the check, far above a JVM's start on a busy machine. */
  private static final Duration FAST = Duration.ofSeconds(20);

  @TempDir
  Path data;
  @TempDir
  Path logs;

  @Test
  void aBusyEmbeddedBrokerPortIsSaidInOneLine() throws Exception {
    try (ServerSocket redpanda = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int held = redpanda.getLocalPort();
      Exit exit = start(Map.of("EPR_PORT", String.valueOf(TestBroker.freePort()),
          "EPR_EMBEDDED_KAFKA_PORT", String.valueOf(held)));

      assertEquals(List.of("epr: 127.0.0.1:" + held + " is in use — is Redpanda running? EPR_BROKERS=localhost:" + held
          + " uses it; EPR_EMBEDDED_KAFKA_PORT moves the embedded broker"), exit.lines());
      assertFailedFastStartingNothing(exit);
    }
  }

  @Test
  void aBusyListenPortIsSaidInOneLine() throws Exception {
    try (ServerSocket otherEpr = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int held = otherEpr.getLocalPort();
      Exit exit = start(Map.of("EPR_PORT", String.valueOf(held),
          "EPR_EMBEDDED_KAFKA_PORT", String.valueOf(TestBroker.freePort())));

      assertEquals(List.of("epr: 127.0.0.1:" + held + " is in use — is another EPR running? EPR_PORT moves this "
          + "server"), exit.lines());
      assertFailedFastStartingNothing(exit);
    }
  }

  private void assertFailedFastStartingNothing(Exit exit) throws IOException {
    assertNotEquals(0, exit.code());
    try (Stream<Path> started = Files.list(data)) {
      assertEquals(List.of(), started.toList(), "neither PostgreSQL nor the broker was started");
    }
    assertTrue(exit.took().compareTo(FAST) < 0, "failed after " + exit.took());
  }

  /** Runs {@code epr} (this JVM's classpath, as the jar would) with EPR_DB and EPR_BROKERS unset, to its exit. */
  private Exit start(Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.epr.Main", "--data-dir", data.toString())
        .redirectErrorStream(true).redirectOutput(logs.resolve("epr.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("EPR_"));
    builder.environment().put("EPR_HOST", "127.0.0.1");
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    List<String> lines = Files.readAllLines(logs.resolve("epr.log"));
    assertTrue(exited, "epr did not exit: " + lines);
    return new Exit(process.exitValue(), lines, took);
  }

  private record Exit(int code, List<String> lines, Duration took) {}
}
