package io.epr.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.epr.ingest.InvalidInputException;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.model.EprJson;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a failure is told to a client: its status and the one message EPR puts in {@code errors}. */
public record ErrorResponses(int status, String message) {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  public static final String INTERNAL = "internal server error";

  public static ErrorResponses of(Throwable e) {
    if (e instanceof InvalidInputException invalid) {
      return new ErrorResponses(400, invalid.eprMessage());
    }
    if (e instanceof ObjectNotFoundException notFound) {
      return new ErrorResponses(404, notFound.eprMessage());
    }
    if (textTheDatabaseCannotHold(e)) {
      return of(new InvalidInputException(
          "text with the NUL character (\\u0000) is never stored, so nothing can be found by it"));
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

  void send(HttpServerResponse response) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(EprJson.write(g -> {
      g.writeStartObject();
      g.writeNullField("data");
      g.writeArrayFieldStart("errors");
      g.writeString(message);
      g.writeEndArray();
      g.writeEndObject();
    }) + "\n");
  }

  /**
   * A looked-up id or search value holding a character PostgreSQL's text cannot (creates refuse those before they
   * reach the database): 22021 character_not_in_repertoire, 22P05 untranslatable_character.
   */
  private static boolean textTheDatabaseCannotHold(Throwable e) {
    return e instanceof PgException pg && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState()));
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
