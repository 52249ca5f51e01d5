package io.epr.watcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The workshop's foo.bar receiver and magnificent event (scenario 2), and waiting for things to happen. */
final class Scenario {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String RECEIVER = "{\"name\":\"watcher-workshop\",\"type\":\"foo.bar\",\"version\":\"1.0.0\","
      + "\"description\":\"The event receiver of Brixton\",\"enabled\":true,"
      + "\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}";
  static final String EVENT = "{\"name\":\"magnificent\",\"version\":\"%s\",\"release\":\"2023.11.16\","
      + "\"platform_id\":\"linux\",\"package\":\"docker\",\"description\":\"blah\",\"payload\":{\"name\":\"joe\"},"
      + "\"success\":true,\"event_receiver_id\":\"%s\"}";

  private Scenario() {}

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Lets a watcher run on, to see that nothing more arrives. */
  static void settle() throws InterruptedException {
    Thread.sleep(2000);
  }
}
