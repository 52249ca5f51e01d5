package io.epr.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's reports of a thread blocked past its limit, counted when the thread is an event loop (the metric
 * {@code epr_event_loop_blocked_total}, which tests and fault runs require to stay 0), and logged as Vert.x logs
 * them: the warning, with the thread's stack once it is blocked longer than the warning-exception time.
 */
public final class BlockedThreads {
  /** Vert.x's own logger name for these warnings, so log configuration and searches keep working. */
  private static final Logger LOG = LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker");

  private BlockedThreads() {}

  public static void count(Vertx vertx, EprMetrics metrics) {
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> {
      if (!(event.thread() instanceof VertxThread thread) || !thread.isWorker()) {
        metrics.eventLoopBlocked();
      }
      log(event);
    });
  }

  private static void log(BlockedThreadEvent event) {
    String message = "Thread " + event.thread().getName() + " has been blocked for "
        + TimeUnit.NANOSECONDS.toMillis(event.duration()) + " ms, time limit is "
        + TimeUnit.NANOSECONDS.toMillis(event.maxExecTime()) + " ms";
    if (event.duration() <= event.warningExceptionTime()) {
      LOG.warn(message);
    } else {
      VertxException stack = new VertxException("Thread blocked");
      stack.setStackTrace(event.thread().getStackTrace());
      LOG.warn(message, stack);
    }
  }
}
