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
 * The server as its own process, as users run it: the packaged {@code target/epr.jar}, or the same main class from
 * this JVM's classpath (so tests need no packaged jar), or another server's main class from it (the bench's
 * fire-and-forget baseline), against the bench's or a test's PostgreSQL database, broker and collector. Knows how long it took to become ready and its peak resident memory; can be stopped as an
 * orchestrator does (SIGTERM) or killed (SIGKILL).
 */
public final class ServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public final int port;
  public final double readySeconds;
  private final Process process;

  private ServerProcess(int port, Process process, double readySeconds) {
    this.port = port;
    this.process = process;
    this.readySeconds = readySeconds;
  }

  /** Starts {@code java <jvmFlags> -jar jar} with {@code env} and waits until /healthz/readiness answers 200. */
  static ServerProcess start(Path jar, List<String> jvmFlags, Map<String, String> env, int port, Path log)
      throws IOException, InterruptedException {
    return start(jvmFlags, List.of("-jar", jar.toString()), env, port, log);
  }

  /** Starts {@code java <jvmFlags> -cp <this JVM's classpath> io.epr.Main} and waits until it is ready. */
  public static ServerProcess fromClasspath(List<String> jvmFlags, Map<String, String> env, int port, Path log)
      throws IOException, InterruptedException {
    return fromClasspath(jvmFlags, "io.epr.Main", env, port, log);
  }

  /** Starts {@code java <jvmFlags> -cp <this JVM's classpath> <mainClass>} and waits until it is ready. */
  static ServerProcess fromClasspath(List<String> jvmFlags, String mainClass, Map<String, String> env, int port,
      Path log) throws IOException, InterruptedException {
    return start(jvmFlags, List.of("-cp", System.getProperty("java.class.path"), mainClass), env, port, log);
  }

  private static ServerProcess start(List<String> jvmFlags, List<String> main, Map<String, String> env, int port,
      Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(main);
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

  public String baseUrl() {
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

  public long pid() {
    return process.pid();
  }

  /** SIGKILL, as the kernel's OOM killer or a pulled plug stops it: nothing is finished or flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
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
