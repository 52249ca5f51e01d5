package io.epr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged server ({@code target/epr.jar}) as its own process, as users run it: against the bench's PostgreSQL
 * database, broker and collector. Knows how long it took to become ready and its peak resident memory.
 */
final class ServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final int port;
  final double readySeconds;
  private final Process process;

  private ServerProcess(int port, Process process, double readySeconds) {
    this.port = port;
    this.process = process;
    this.readySeconds = readySeconds;
  }

  /** Starts {@code java <jvmFlags> -jar jar} with {@code env} and waits until /healthz/readiness answers 200. */
  static ServerProcess start(Path jar, List<String> jvmFlags, Map<String, String> env, int port, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    builder.environment().put("EPR_HOST", "127.0.0.1");
    builder.environment().put("EPR_PORT", String.valueOf(port));
    long started = System.nanoTime();
    Process process = builder.start();
    URI readiness = URI.create("http://127.0.0.1:" + port + "/healthz/readiness");
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return new ServerProcess(port, process, (System.nanoTime() - started) / 1e9);
        }
      } catch (IOException notListeningYet) {
        // connection refused until the HTTP server is up
      }
      if (System.nanoTime() - started > 120e9) {
        process.destroyForcibly();
        throw new IllegalStateException("the server was not ready within 2 minutes; see " + log);
      }
      Thread.sleep(5);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The peak resident set size so far (VmHWM), in MB. */
  double peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, as an orchestrator stops it; the server finishes what it was doing. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
