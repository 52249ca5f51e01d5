package io.epr.api.rest;

import io.epr.api.http.PageSize;
import io.epr.api.http.RequestTimeouts;
import io.epr.api.http.Routes;
import io.epr.ingest.DeadLetters;
import io.epr.ingest.InvalidInputException;
import io.epr.store.OutboxStore;
import io.epr.wire.Entities;
import io.epr.wire.JsonFields;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The outbox records that could not be delivered: listed with their target, reason, attempts and last error, and
 * put back for delivery one by one or all at once.
 */
public final class DeadLetterApi {
  private final OutboxStore outbox;

  public DeadLetterApi(OutboxStore outbox) {
    this.outbox = outbox;
  }

  public void mount(Router router) {
    Routes.get(router, "/api/v1/dead-letters", this::list);
    router.post("/api/v1/dead-letters/retry").handler(ctx ->
        retried(ctx, outbox.retryDeadLetters(null, RequestTimeouts.cancellation(ctx)), ""));
    router.post("/api/v1/dead-letters/:id/retry").handler(this::retryOne);
  }

  private void list(RoutingContext ctx) {
    Future<String> json;
    try {
      json = outbox.deadLetters(PageSize.of("limit", ctx.queryParams().get("limit")))
          .map(letters -> JsonFields.array(letters, Entities::deadLetter));
    } catch (InvalidInputException e) {
      json = Future.failedFuture(e);
    }
    json.onSuccess(data -> Envelope.data(ctx, data)).onFailure(e -> Envelope.error(ctx, e, null));
  }

  private void retryOne(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    retried(ctx, DeadLetters.retry(outbox, id, RequestTimeouts.cancellation(ctx)), id);
  }

  /** {"data": <how many records went back to the outbox>} */
  private static void retried(RoutingContext ctx, Future<Integer> count, String dataOnError) {
    count.onSuccess(n -> Envelope.data(ctx, String.valueOf(n))).onFailure(e -> Envelope.error(ctx, e, dataOnError));
  }
}
