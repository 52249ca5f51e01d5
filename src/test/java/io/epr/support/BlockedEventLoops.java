package io.epr.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often the server's Vert.x reported an event loop blocked: its metric {@code epr_event_loop_blocked_total}. */
public final class BlockedEventLoops {
  private static final Pattern METRIC = Pattern.compile("(?m)^epr_event_loop_blocked_total(?:\\{[^}]*})? (\\S+)$");

  private BlockedEventLoops() {}

  public static long reported(Http http) {
    String metrics = http.get("/metrics").body();
    Matcher m = METRIC.matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no epr_event_loop_blocked_total in /metrics");
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** Fails when Vert.x reported any event loop blocked (its warning, with the stack, is in the log). */
  public static void assertNone(Http http) {
    assertEquals(0, reported(http), "Vert.x reported an event loop blocked (see \"has been blocked for\" in the log)");
  }
}
