package io.epr.watcher;

import java.time.Duration;

/** Attempts with a doubling pause between them, shared by message handling and webhook delivery. */
record Backoff(int attempts, Duration firstPause) {
  static final Backoff DEFAULT = new Backoff(3, Duration.ofMillis(500));

  Backoff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** The pause after failed attempt {@code attempt} (1-based). */
  Duration pauseAfter(int attempt) {
    return firstPause.multipliedBy(1L << (attempt - 1));
  }
}
