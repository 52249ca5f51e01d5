package io.epr.api.http;

import io.epr.json.JsonLimits;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Work that grows with a request body (decoding it, hashing it, starting GraphQL on it): on the event loop only for a
 * body of at most {@link JsonLimits#DECODED_ON_EVENT_LOOP} bytes, else on a worker thread, so that a large body never
 * holds up the other requests of its loop.
 */
public final class BodyWork {
  private BodyWork() {}

  public static <T> Future<T> on(RoutingContext ctx, long bodyBytes, Callable<T> work) {
    if (bodyBytes > JsonLimits.DECODED_ON_EVENT_LOOP) {
      return ctx.vertx().executeBlocking(work, false);
    }
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }
}
