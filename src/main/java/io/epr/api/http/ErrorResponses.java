package io.epr.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.epr.ingest.IdempotencyKeyReusedException;
import io.epr.ingest.InvalidInputException;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.ingest.UploadsBusyException;
import io.epr.json.EprJson;
import io.epr.model.Cancellation.CancelledException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a failure is told to a client: its status, the one message EPR puts in {@code errors}, and when the client may
 * send it again (Retry-After, in seconds; 0: not said).
 */
public record ErrorResponses(int status, String message, int retryAfterSeconds) {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  public static final String INTERNAL = "internal server error";
  /** A write in a read-only transaction: the database was switched to read-only, or is a standby after a failover. */
  private static final String READ_ONLY = "25006";
  private static final String DISK_FULL = "53100";

  public ErrorResponses(int status, String message) {
    this(status, message, 0);
  }

  public static ErrorResponses of(Throwable e) {
    if (e instanceof InvalidInputException invalid) {
      return new ErrorResponses(400, invalid.eprMessage());
    }
    if (e instanceof ObjectNotFoundException notFound) {
      return new ErrorResponses(404, notFound.eprMessage());
    }
    if (e instanceof IdempotencyKeyReusedException reused) {
      return new ErrorResponses(422, reused.getMessage());
    }
    if (e instanceof CancelledException cancelled) {
      return new ErrorResponses(503, cancelled.getMessage());
    }
    if (e instanceof UploadsBusyException busy) {
      return new ErrorResponses(503, busy.getMessage(), busy.retryAfterSeconds());
    }
    String sqlState = sqlState(e);
    if ("22021".equals(sqlState) || "22P05".equals(sqlState)) {
      return of(new InvalidInputException(
          "text with the NUL character (\\u0000) is never stored, so nothing can be found by it"));
    }
    if (READ_ONLY.equals(sqlState)) {
      LOG.warn("database read-only: {}", e.getMessage());
      return new ErrorResponses(503,
          "service unavailable: the database is read-only, try again once it accepts writes");
    }
    if (DISK_FULL.equals(sqlState)) {
      LOG.warn("database out of disk space: {}", e.getMessage());
      return new ErrorResponses(503,
          "service unavailable: the database is out of disk space, try again once space is freed");
    }
    if (databaseUnreachable(e)) {
      LOG.warn("database unreachable: {}", e.toString());
      return new ErrorResponses(503, "service unavailable: the database is not reachable, try again shortly");
    }
    LOG.error("internal error", e);
    return new ErrorResponses(500, INTERNAL);
  }

  /** Sends this failure as EPR's envelope {@code {"data":null,"errors":["…"]}}, unless the request was answered. */
  public void send(RoutingContext ctx) {
    if (!RequestTimeouts.answered(ctx)) {
      send(ctx.response());
    }
  }

  /** Sends this failure as EPR's envelope on a response no route has (a request the router never saw). */
  public void send(HttpServerResponse response) {
    retryAfter(response);
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(envelope());
  }

  private String envelope() {
    return envelope(null, message);
  }

  /**
   * EPR's REST envelope for a failure, {@code {"data":…,"errors":["…"]}} and a newline. {@code data} is what EPR puts
   * there on the endpoint: null (most), "" on create, the id on PATCH.
   */
  public static String envelope(String data, String message) {
    return EprJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("data", data);
      g.writeArrayFieldStart("errors");
      g.writeString(message);
      g.writeEndArray();
      g.writeEndObject();
    }) + "\n";
  }

  /** Says when to send the request again, if this failure says. */
  public void retryAfter(HttpServerResponse response) {
    if (retryAfterSeconds > 0) {
      response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
  }

  /** The SQLSTATE of the PostgreSQL error behind {@code e}, if one is. */
  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PgException pg) {
        return pg.getSqlState();
      }
    }
    return null;
  }

  private static boolean databaseUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // connection exceptions, operator intervention (shutdown, terminated), too many connections
      if (t instanceof PgException pg && pg.getSqlState() != null && (pg.getSqlState().startsWith("08")
          || pg.getSqlState().startsWith("57P") || pg.getSqlState().equals("53300"))) {
        return true;
      }
      // an IOException from the network, not from reading JSON (Jackson's exceptions are IOExceptions too)
      if (t instanceof IOException && !(t instanceof JsonProcessingException)
          || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage())
          .toLowerCase(java.util.Locale.ROOT).contains("connection")) {
        return true;
      }
    }
    return false;
  }
}
