package io.epr.api;

import io.epr.api.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;

/**
 * The page at GET /: what this server is, with links to GraphiQL, health, metrics and the docs, so a browser pointed
 * at the server finds its way instead of a 404. It is open as health is (access control guards /api and /metrics).
 * Browsers also ask every site for /favicon.ico: it answers 204 (no icon) rather than a 404, which each page showed
 * as an error in the browser console.
 */
final class HomePage {
  private static final String RESOURCE = "/web/home.html";
  /** Read by the first verticle instance to mount it; the others serve the same bytes. */
  private static volatile Buffer page;

  private HomePage() {}

  /** Reads the page once per process, on a worker, then serves it at / from memory. */
  static Future<Void> mount(Vertx vertx, Router router) {
    Buffer read = page;
    Future<Buffer> loaded = read != null ? Future.succeededFuture(read)
        : vertx.executeBlocking(HomePage::read, false).onSuccess(buffer -> page = buffer);
    return loaded.map(page -> {
      Routes.get(router, "/", ctx ->
          ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page));
      Routes.get(router, "/favicon.ico", ctx -> ctx.response().setStatusCode(204).end());
      return null;
    });
  }

  private static Buffer read() throws IOException {
    try (InputStream in = HomePage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
