package io.epr.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * HTTP load on one event loop, so it leaves the 2 cores to the server: closed loop (each connection sends its next
 * request when the last one is answered: peak rate) or open loop (requests sent at a fixed rate whatever the answers:
 * latency, measured from when each request was due so a stalled server is not flattered). Any non-2xx answer is
 * counted as a failure. Requests are numbered across the generator's runs: {@code body(n)} is the n-th request's body,
 * sent with the Idempotency-Key {@code key(n)} when the generator has keys, so that failed requests can be sent again
 * safely ({@link #retry}).
 */
public final class LoadGenerator implements AutoCloseable {
  /**
   * One acknowledged request: its number, the id the server answered, when the request was (due to be) sent and when
   * the answer came, and whether the answer repeated an earlier one (Idempotent-Replayed).
   */
  public record Ack(long sequence, String id, long sentNanos, long answeredNanos, boolean replayed) {
    public double millis() {
      return (answeredNanos - sentNanos) / 1e6;
    }
  }

  /**
   * One request that got no 2xx: its number, the status (0 when there was no answer: refused, reset, timed out) and
   * what the server answered or the client's error.
   */
  public record Failure(long sequence, int status, String why) {}

  /** What a run did. {@code latencies} in ms, sorted. */
  public record Run(int connections, double seconds, long ok, List<Failure> failures, List<Double> latencies,
      List<Ack> acks) {
    public long failed() {
      return failures.size();
    }

    /** Acknowledgements that repeated the answer to an earlier request with the same Idempotency-Key. */
    public long replayed() {
      return acks.stream().filter(Ack::replayed).count();
    }

    public String firstFailure() {
      return failures.isEmpty() ? null : failures.get(0).why();
    }

    public double perSecond() {
      return ok / seconds;
    }

    public double percentile(double p) {
      return latencies.isEmpty() ? Double.NaN
          : latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(p / 100 * latencies.size()) - 1));
    }
  }

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final List<URI> targets;
  private final String path;
  private final LongFunction<Buffer> body;
  private final LongFunction<String> key;
  private long sequence;

  /** Posts {@code body(n)} to {@code path} of each target in turn (several instances share the load). */
  public LoadGenerator(List<String> baseUrls, String path, LongFunction<Buffer> body) {
    this(baseUrls, path, body, null);
  }

  /** The same, each request with the Idempotency-Key {@code key(n)}. */
  public LoadGenerator(List<String> baseUrls, String path, LongFunction<Buffer> body, LongFunction<String> key) {
    this.targets = baseUrls.stream().map(URI::create).toList();
    this.path = path;
    this.body = body;
    this.key = key;
  }

  /** {@code connections} connections, each sending its next request as soon as the last is answered. */
  public Run closedLoop(int connections, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    return closedLoopWhile(connections, () -> System.nanoTime() < end);
  }

  /**
   * {@code connections} connections, each sending its next request as soon as the last is answered, for as long as
   * {@code going} says so (asked before each request, on the generator's event loop).
   */
  public Run closedLoopWhile(int connections, BooleanSupplier going) {
    HttpClientAgent client = client(connections);
    Tally tally = new Tally();
    long start = System.nanoTime();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      URI target = targets.get(i % targets.size());
      Promise<Void> loop = Promise.promise();
      vertx.runOnContext(v -> next(client, target, going, tally, loop));
      loops.add(loop.future());
    }
    await(Future.all(loops));
    double elapsed = (System.nanoTime() - start) / 1e9;
    await(client.close());
    return tally.run(connections, elapsed);
  }

  private void next(HttpClientAgent client, URI target, BooleanSupplier going, Tally tally, Promise<Void> loop) {
    if (!going.getAsBoolean()) {
      loop.complete();
      return;
    }
    send(client, target, sequence++, System.nanoTime(), tally).onComplete(done -> next(client, target, going, tally, loop));
  }

  /**
   * Sends the requests that {@code failures} name again, as they were (with their Idempotency-Keys), over
   * {@code connections} connections; the run's acknowledgements carry the requests' own numbers.
   */
  public Run retry(List<Failure> failures, int connections) {
    HttpClientAgent client = client(connections);
    Tally tally = new Tally();
    long start = System.nanoTime();
    List<Future<Void>> answers = new ArrayList<>();
    Promise<Void> allSent = Promise.promise();
    vertx.runOnContext(v -> {
      for (Failure failure : failures) {
        answers.add(send(client, targets.get(0), failure.sequence(), System.nanoTime(), tally));
      }
      allSent.complete();
    });
    await(allSent.future());
    await(Future.join(answers));
    double elapsed = (System.nanoTime() - start) / 1e9;
    await(client.close());
    return tally.run(connections, elapsed);
  }

  /** {@code rate} requests a second for {@code seconds}, over up to {@code maxConnections} connections. */
  public Run openLoop(double rate, double seconds, int maxConnections) {
    HttpClientAgent client = client(maxConnections);
    Tally tally = new Tally();
    long start = System.nanoTime();
    long total = (long) (rate * seconds);
    long[] sent = {0};
    List<Future<Void>> answers = Collections.synchronizedList(new ArrayList<>());
    Promise<Void> allSent = Promise.promise();
    vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate));
      while (sent[0] < due) {
        long dueAt = start + (long) (sent[0] / rate * 1e9);
        answers.add(send(client, targets.get((int) (sent[0] % targets.size())), sequence++, dueAt, tally));
        sent[0]++;
      }
      if (sent[0] == total) {
        vertx.cancelTimer(timer);
        allSent.complete();
      }
    }));
    await(allSent.future());
    await(Future.join(new ArrayList<>(answers)));
    double elapsed = (System.nanoTime() - start) / 1e9;
    await(client.close());
    return tally.run(maxConnections, elapsed);
  }

  private Future<Void> send(HttpClientAgent client, URI target, long n, long sentNanos, Tally tally) {
    Buffer payload = body.apply(n);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost())
        .setPort(target.getPort()).setURI(path).putHeader("Content-Type", "application/json");
    if (key != null) {
      options.putHeader("Idempotency-Key", key.apply(n));
    }
    return client.request(options)
        .compose(request -> request.send(payload))
        .compose(response -> response.body().map(answer -> {
          long done = System.nanoTime();
          if (response.statusCode() / 100 == 2) {
            tally.ok(new Ack(n, idOf(answer.toString()), sentNanos, done,
                response.getHeader("Idempotent-Replayed") != null));
          } else {
            tally.failed(new Failure(n, response.statusCode(), "HTTP " + response.statusCode() + ": " + answer));
          }
          return (Void) null;
        }))
        .recover(error -> {
          tally.failed(new Failure(n, 0, String.valueOf(error)));
          return Future.succeededFuture();
        });
  }

  /** The id in EPR's {@code {"data":"<id>",…}} answer. */
  private static String idOf(String answer) {
    int at = answer.indexOf("\"data\":\"");
    return at < 0 ? null : answer.substring(at + 8, answer.indexOf('"', at + 8));
  }

  private HttpClientAgent client(int connections) {
    return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  /** Touched only on the generator's event loop. */
  private static final class Tally {
    final List<Ack> acks = new ArrayList<>();
    final List<Double> latencies = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();

    void ok(Ack ack) {
      acks.add(ack);
      latencies.add(ack.millis());
    }

    void failed(Failure failure) {
      failures.add(failure);
    }

    Run run(int connections, double seconds) {
      Collections.sort(latencies);
      return new Run(connections, seconds, acks.size(), failures, latencies, acks);
    }
  }
}
