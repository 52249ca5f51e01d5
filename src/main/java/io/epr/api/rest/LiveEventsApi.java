package io.epr.api.rest;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /api/v1/events/live: the events committed from now on, by any instance, as server-sent events
 * ({@code event: event}, {@code data:} the event as GET /api/v1/events/{id} renders it, with its EventReceiver),
 * fed by {@link LiveEvents}. The stream opens with the comment {@code : live} once it receives events, and carries
 * {@code : keepalive} every 15 s. A client that reads too slowly does not hold events in the server without bound:
 * once more than {@value #MAX_UNSENT} bytes wait unsent, its stream ends with {@code event: overflow} and the
 * connection is closed; it reconnects, and finds what it missed with event_search.
 */
public final class LiveEventsApi {
  public static final String PATH = "/api/v1/events/live";
  static final int MAX_UNSENT = 256 * 1024;
  private static final long KEEPALIVE_MILLIS = 15_000;
  private static final String OVERFLOW = "event: overflow\ndata: {\"message\":\"the client read too slowly: more than "
      + MAX_UNSENT + " bytes of events waited unsent; reconnect, and find what was missed with event_search\"}\n\n";

  private final LiveEvents live;

  public LiveEventsApi(LiveEvents live) {
    this.live = live;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    Vertx vertx = ctx.vertx();
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY) // a compressor would hold events back
        .setWriteQueueMaxSize(MAX_UNSENT);
    MessageConsumer<String> events = vertx.eventBus().localConsumer(LiveEvents.ADDRESS);
    live.opened();
    long keepalive = vertx.setPeriodic(KEEPALIVE_MILLIS, t -> response.write(": keepalive\n\n"));
    Runnable close = new Runnable() {
      private boolean closed;

      @Override
      public void run() {
        if (!closed) {
          closed = true;
          vertx.cancelTimer(keepalive);
          events.unregister();
          live.closed();
        }
      }
    };
    // replaces RequestTimeouts' handler, which has nothing to stop once the stream's head is written
    response.closeHandler(v -> close.run());
    response.exceptionHandler(e -> close.run());
    events.handler(message -> {
      if (response.writeQueueFull()) {
        close.run();
        response.end(OVERFLOW).onComplete(sent -> ctx.request().connection().close());
      } else {
        response.write("event: event\ndata: " + message.body().replace("\n", "\ndata: ") + "\n\n");
      }
    });
    events.completion().onSuccess(registered -> response.write(": live\n\n"));
  }
}
