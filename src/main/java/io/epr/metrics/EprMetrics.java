package io.epr.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus metrics at /metrics: EPR's request counter and latency histogram, events and receivers stored,
 * groups completed, the outbox (records delivered, retried, pending, dead) per sink, and event loops reported blocked.
 * (Go EPR's {@code server_events_created_total} cannot keep its name: the Prometheus client reserves the
 * {@code _created} suffix.)
 */
public final class EprMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> dead = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
  private final Counter eventLoopBlocked = Counter.builder("epr.event.loop.blocked")
      .description("times Vert.x reported an event loop blocked past its limit (2 s)").register(registry);

  public EprMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public void request(String method, int code, long nanos) {
    registry.counter("server.requests", "code", String.valueOf(code), "method", method).increment();
    Timer.builder("server.response.times")
        .serviceLevelObjectives(ms(100), ms(250), ms(500), ms(1000), ms(3000), ms(5000), ms(7000), ms(10000))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  public void eventCreated(boolean success) {
    registry.counter("epr.events.stored", "success", String.valueOf(success)).increment();
  }

  public void receiverCreated() {
    registry.counter("epr.receivers.stored").increment();
  }

  public void groupsCompleted(int count) {
    registry.counter("epr.groups.completed").increment(count);
  }

  /** Vert.x reported an event loop blocked ({@link BlockedThreads}). */
  public void eventLoopBlocked() {
    eventLoopBlocked.increment();
  }

  public Counter delivered(String sink) {
    return registry.counter("epr.outbox.delivered", "sink", sink);
  }

  public Counter retried(String sink) {
    return registry.counter("epr.outbox.retried", "sink", sink);
  }

  public Counter deadLettered(String sink) {
    return registry.counter("epr.outbox.dead.lettered", "sink", sink);
  }

  /**
   * What waits in the outbox for one sink: records still to deliver, dead letters, and the age of the oldest record
   * it has not taken from the log yet (its lag, in whole milliseconds).
   */
  public void outboxBacklog(String sink, long pendingRecords, long deadLetters, double lagSeconds) {
    gauge("epr.outbox.pending", pending, sink).set(pendingRecords);
    gauge("epr.outbox.dead", dead, sink).set(deadLetters);
    gauge("epr.outbox.lag.ms", lag, sink).set(Math.round(lagSeconds * 1000));
  }

  private AtomicLong gauge(String name, Map<String, AtomicLong> bySink, String sink) {
    return bySink.computeIfAbsent(sink, s -> registry.gauge(name, Tags.of("sink", s), new AtomicLong()));
  }

  /** HTTP connections open now, as the server counts them. */
  public void openConnections(AtomicInteger open) {
    registry.gauge("epr.connections.open", open);
  }

  /** Live event streams (GET /api/v1/events/live) open now on this instance. */
  public void liveStreams(AtomicInteger open) {
    registry.gauge("epr.live.streams", open);
  }

  /** A connection over EPR_MAX_CONNECTIONS, answered 503 and closed. */
  public void connectionRefused() {
    registry.counter("epr.connections.refused").increment();
  }

  /** A connection closed because its client was too slow: {@code deadline} "header" or "unread_response". */
  public void connectionTimedOut(String deadline) {
    registry.counter("epr.connections.timed.out", "deadline", deadline).increment();
  }

  public String scrape() {
    return registry.scrape();
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }
}
