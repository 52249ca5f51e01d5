package io.epr.api.rest;

import io.epr.api.http.ErrorResponses;
import io.epr.api.http.RequestTimeouts;
import io.epr.ingest.IdempotentCreates.Created;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.json.EprJson;
import io.epr.store.StoredDocument;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** EPR's REST envelope {@code {"data":…,"errors":["…"]}}: JSON with a trailing newline, errors left out on success. */
final class Envelope {
  private Envelope() {}

  /** Success: data is a JSON string (an id). */
  static void id(RoutingContext ctx, String id) {
    send(ctx, 200, EprJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("data", id);
      g.writeEndObject();
    }));
  }

  /** A create's answer: its id; marked when it repeats an earlier request's answer (same Idempotency-Key). */
  static void created(RoutingContext ctx, Created created) {
    if (created.replayed() && !RequestTimeouts.answered(ctx)) {
      ctx.response().putHeader(IdempotencyKeys.REPLAYED, "true");
    }
    id(ctx, created.id());
  }

  /** A stored document (SBOM, test report) exactly as posted, with its content type; 404 when there is none. */
  static void document(RoutingContext ctx, String kind, String id, Future<StoredDocument> found) {
    found.onSuccess(doc -> {
      if (doc == null) {
        error(ctx, new ObjectNotFoundException(kind, id), null);
      } else if (!RequestTimeouts.answered(ctx)) {
        ctx.response().putHeader("Content-Type", doc.contentType()).end(doc.bytes());
      }
    }).onFailure(e -> error(ctx, e, null));
  }

  /** Success: data is the given JSON (already rendered). */
  static void data(RoutingContext ctx, String dataJson) {
    send(ctx, 200, "{\"data\":" + dataJson + "}");
  }

  /**
   * Failure. {@code data} is what EPR puts there on this endpoint: "" on create, null on get, the id on PATCH.
   */
  static void error(RoutingContext ctx, Throwable failure, String data) {
    ErrorResponses e = ErrorResponses.of(failure);
    if (!RequestTimeouts.answered(ctx)) {
      e.retryAfter(ctx.response());
    }
    error(ctx, e.status(), e.message(), data);
  }

  static void error(RoutingContext ctx, int status, String message, String data) {
    sendText(ctx, status, ErrorResponses.envelope(data, message));
  }

  private static void send(RoutingContext ctx, int status, String json) {
    sendText(ctx, status, json + "\n");
  }

  private static void sendText(RoutingContext ctx, int status, String text) {
    if (!RequestTimeouts.answered(ctx)) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    }
  }
}
