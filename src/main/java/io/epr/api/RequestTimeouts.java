package io.epr.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;

/**
 * How long a request may take, from its first byte to its answer (EPR_REQUEST_TIMEOUT): past that the client gets a
 * 503 in EPR's envelope instead of waiting on a database that does not answer, a lock held elsewhere or a body sent
 * slowly. Uploads have a bound of their own (EPR_UPLOAD_TIMEOUT): {@code POST /api/v1/sboms}, and any body over
 * 1 MiB or of unannounced length (chunked), whose reading and validation grow with their size. Work under way is not
 * cancelled, so a create that timed out may still be stored; the message says so.
 */
public final class RequestTimeouts implements Handler<RoutingContext> {
  private static final String SBOM_UPLOADS = "/api/v1/sboms";
  private static final long UPLOAD_BYTES = 1024 * 1024;
  private static final String BOUND = "epr.timeout";

  private final TimeoutHandler requests;
  private final TimeoutHandler uploads;
  private final String requestBound;
  private final String uploadBound;

  RequestTimeouts(Duration request, Duration upload) {
    this.requests = TimeoutHandler.create(request.toMillis(), 503);
    this.uploads = TimeoutHandler.create(upload.toMillis(), 503);
    this.requestBound = request.toSeconds() + " s (EPR_REQUEST_TIMEOUT)";
    this.uploadBound = upload.toSeconds() + " s (EPR_UPLOAD_TIMEOUT)";
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean upload = isUpload(ctx);
    ctx.put(BOUND, upload ? uploadBound : requestBound);
    (upload ? uploads : requests).handle(ctx);
  }

  /** The answer to a request that ran out of time (the router's 503 error handler). */
  static void timedOut(RoutingContext ctx) {
    String bound = ctx.get(BOUND);
    new ErrorResponses(503, "service unavailable: no answer within " + (bound == null ? "the time allowed" : bound)
        + "; a create may still have been stored: look it up before sending it again").send(ctx);
  }

  /** True once this request was answered (by the timeout): a handler still at work has nothing more to send. */
  public static boolean answered(RoutingContext ctx) {
    return ctx.response().ended();
  }

  private static boolean isUpload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() == HttpMethod.POST && ctx.normalizedPath().equals(SBOM_UPLOADS)
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
