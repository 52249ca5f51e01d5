package io.epr.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus metrics at /metrics: EPR's request counter and latency histogram, events and receivers stored,
 * groups completed, and the outbox (records delivered, retried, pending, dead) per sink. (Go EPR's
 * {@code server_events_created_total} cannot keep its name: the Prometheus client reserves the {@code _created} suffix.)
 */
public final class EprMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();

  public EprMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    registry.gauge("epr.outbox.pending", pending);
    registry.gauge("epr.outbox.dead", dead);
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

  public Counter delivered(String sink) {
    return registry.counter("epr.outbox.delivered", "sink", sink);
  }

  public Counter retried(String sink) {
    return registry.counter("epr.outbox.retried", "sink", sink);
  }

  public Counter deadLettered(String sink) {
    return registry.counter("epr.outbox.dead.lettered", "sink", sink);
  }

  public void outboxBacklog(long pendingRecords, long deadRecords) {
    pending.set(pendingRecords);
    dead.set(deadRecords);
  }

  public String scrape() {
    return registry.scrape();
  }

  private static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }
}
