package io.epr.watcher;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A watcher's wait for its brokers before it joins its group. Kafka's consumer waits for an unreachable broker in
 * silence; this asks the brokers for their topics until one answers and reports each failure in one line naming the
 * brokers and what to check. A watcher often starts before Kafka does (compose, systemd), so it waits rather than
 * exits, with a pause doubling from 1 s to 30 s between tries.
 */
final class BrokerWait {
  private static final Duration PROBE = Duration.ofSeconds(3);
  private static final long MAX_PAUSE_SECONDS = 30;

  private final String brokers;
  private final Consumer<String> report;

  BrokerWait(String brokers, Consumer<String> report) {
    this.brokers = brokers;
    this.report = report;
  }

  /** True once a broker answered; false when {@code pause} says the watcher was closed meanwhile. */
  boolean until(KafkaConsumer<String, String> consumer, Predicate<Duration> pause) {
    for (int attempt = 1; ; attempt++) {
      try {
        consumer.listTopics(PROBE);
        if (attempt > 1) {
          report.accept("reached the Kafka brokers " + brokers);
        }
        return true;
      } catch (KafkaException e) {
        long seconds = Math.min(MAX_PAUSE_SECONDS, 1L << Math.min(attempt - 1, 5));
        String why = e instanceof TimeoutException ? "no answer within " + PROBE.toSeconds() + " s" : e.toString();
        report.accept("cannot reach the Kafka brokers " + brokers + " (" + why + "): is Kafka running there, and are "
            + "--brokers / EPR_BROKERS right? trying again in " + seconds + " s");
        if (!pause.test(Duration.ofSeconds(seconds))) {
          return false;
        }
      }
    }
  }
}
