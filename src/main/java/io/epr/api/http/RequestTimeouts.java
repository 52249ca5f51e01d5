package io.epr.api.http;

import io.epr.ingest.Caller;
import io.epr.model.Cancellation;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;

/**
 * How long a request may take, from its first byte to its answer (EPR_REQUEST_TIMEOUT): past that the client gets a
 * 503 in EPR's envelope instead of waiting on a database that does not answer, a lock held elsewhere or a body sent
 * slowly. Uploads have a bound of their own (EPR_UPLOAD_TIMEOUT): {@code POST /api/v1/sboms} and
 * {@code /api/v1/test-reports} (the paths the server gives it), and any body over 1 MiB or of unannounced length
 * (chunked), whose reading and validation grow with their size.
 *
 * <p>The answer does not lie: the request's work is cancelled with it ({@link Cancellation}), so a create that has not
 * reached its commit stores nothing and the 503 says it can be sent again. When the commit is already under way, its
 * outcome is awaited and sent instead (the 200 with the id, or the error), for up to {@link #COMMIT_GRACE} more; only
 * a commit that takes longer than that gets a 503 saying it may have been stored. A client that closes its
 * connection before its answer cancels the work the same way.
 */
public final class RequestTimeouts implements Handler<RoutingContext> {
  private static final long UPLOAD_BYTES = 1024 * 1024;
  private static final Duration COMMIT_GRACE = Duration.ofSeconds(10);
  private static final String CANCELLATION = "epr.cancellation";
  private static final String BEYOND_CANCELLATION = "epr.beyondCancellation";

  private final Duration request;
  private final Duration upload;
  private final Set<String> uploads;

  /** {@code uploads}: the paths whose POSTs are uploads. */
  public RequestTimeouts(Duration request, Duration upload, Set<String> uploads) {
    this.request = request;
    this.upload = upload;
    this.uploads = uploads;
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean isUpload = isUpload(ctx);
    Duration limit = isUpload ? upload : request;
    String bound = limit.toSeconds() + " s (" + (isUpload ? "EPR_UPLOAD_TIMEOUT" : "EPR_REQUEST_TIMEOUT") + ")";
    Cancellation cancellation = new Cancellation();
    ctx.put(CANCELLATION, cancellation);
    long timer = ctx.vertx().setTimer(limit.toMillis(), t -> expire(ctx, cancellation, bound));
    ctx.addBodyEndHandler(v -> ctx.vertx().cancelTimer(timer));
    ctx.response().closeHandler(v -> {
      ctx.vertx().cancelTimer(timer);
      cancellation.cancel("the client closed the connection before its answer");
    });
    ctx.next();
  }

  /**
   * Marks a request whose work its cancellation cannot reach (MCP tools, which call this API as requests of their
   * own): its timeout then says the work may still be done instead of that it was stopped.
   */
  public static void beyondCancellation(RoutingContext ctx) {
    ctx.put(BEYOND_CANCELLATION, true);
  }

  /** The request's work, cancelled when its time runs out or its client goes away. */
  public static Cancellation cancellation(RoutingContext ctx) {
    Cancellation cancellation = ctx.get(CANCELLATION);
    return cancellation == null ? Cancellation.none() : cancellation;
  }

  /** The client of this request, for a create that takes no Idempotency-Key (GraphQL, PATCH). */
  public static Caller caller(RoutingContext ctx) {
    return Caller.of(cancellation(ctx));
  }

  /** True once this request was answered (by the timeout): a handler still at work has nothing more to send. */
  public static boolean answered(RoutingContext ctx) {
    return ctx.response().ended();
  }

  private static void expire(RoutingContext ctx, Cancellation cancellation, String bound) {
    if (ctx.response().headWritten()) {
      return; // the answer is on its way
    }
    String late = "service unavailable: no answer within " + bound;
    if (ctx.get(BEYOND_CANCELLATION) != null) {
      cancellation.cancel(late);
      new ErrorResponses(503, late + "; what it asked for may still be done by the requests it made: look before "
          + "sending it again").send(ctx);
      return;
    }
    if (cancellation.cancel(late)) {
      new ErrorResponses(503, cancellation.failure().getMessage()).send(ctx);
      return;
    }
    long grace = ctx.vertx().setTimer(COMMIT_GRACE.toMillis(), t -> {
      if (!ctx.response().headWritten()) {
        new ErrorResponses(503, "service unavailable: no answer within " + bound + ", and its commit, under way "
            + "then, had not finished " + COMMIT_GRACE.toSeconds() + " s later: it may have been stored; send it "
            + "again with the same Idempotency-Key to find out (it answers with what was stored), or look it up")
            .send(ctx);
      }
    });
    ctx.addBodyEndHandler(v -> ctx.vertx().cancelTimer(grace));
  }

  private boolean isUpload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() == HttpMethod.POST && uploads.contains(ctx.normalizedPath())
        || request.getHeader("Transfer-Encoding") != null) {
      return true;
    }
    String length = request.getHeader("Content-Length");
    try {
      return length != null && Long.parseLong(length.trim()) > UPLOAD_BYTES;
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }
}
