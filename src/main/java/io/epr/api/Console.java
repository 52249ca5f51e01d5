package io.epr.api;

import io.epr.api.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance console: its page at GET / and its scripts and style sheet at /console/{file}, plain files from the
 * jar (ES modules and one CSS file, no build step, nothing from another host). They are read once per process, on a
 * worker, and served from memory with an ETag, so a browser revalidates them (304) instead of downloading them again
 * and the event loop never reads the jar. The files are open as health is: the data they show comes from /api, which
 * access control guards. Browsers also ask every site for /favicon.ico: it answers 204 (no icon) rather than a 404,
 * which each page showed as an error in the browser console.
 */
final class Console {
  private static final String FOLDER = "/web/console/";
  private static final String PAGE = "index.html";
  /** Every file of the console (ConsoleTest checks that this is the folder's content). */
  static final List<String> FILES = List.of(PAGE, "console.css", "app.js", "api.js", "dom.js", "search.js",
      "build.js", "components.js", "package.js", "compare.js", "receivers.js", "dead-letters.js", "live.js");
  /** The page runs only the console's own scripts and styles and talks to this server alone. */
  private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** Read by the first verticle instance to mount the console; the others serve the same files. */
  private static volatile Map<String, File> files;

  private Console() {}

  /** One file as it is served: its bytes, Content-Type and a strong ETag of its content. */
  private record File(Buffer content, String type, String etag) {}

  /** Reads the files once per process, on a worker, then serves them from memory. */
  static Future<Void> mount(Vertx vertx, Router router) {
    Map<String, File> read = files;
    Future<Map<String, File>> loaded = read != null ? Future.succeededFuture(read)
        : vertx.executeBlocking(Console::readAll, false).onSuccess(all -> files = all);
    return loaded.map(all -> {
      Routes.get(router, "/", ctx -> send(ctx, all.get(PAGE)));
      Routes.get(router, "/console/:file", ctx -> {
        File file = all.get(ctx.pathParam("file"));
        if (file == null) {
          ctx.fail(404);
        } else {
          send(ctx, file);
        }
      });
      Routes.get(router, "/favicon.ico", ctx -> ctx.response().setStatusCode(204).end());
      return null;
    });
  }

  /** The file, or 304 when the browser holds this version already; browsers revalidate each time (no-cache). */
  private static void send(RoutingContext ctx, File file) {
    ctx.response().putHeader("ETag", file.etag()).putHeader("Cache-Control", "no-cache");
    if (file.type().startsWith("text/html")) {
      ctx.response().putHeader("Content-Security-Policy", PAGE_POLICY);
    }
    if (file.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
    } else {
      ctx.response().putHeader("Content-Type", file.type()).end(file.content());
    }
  }

  private static Map<String, File> readAll() throws IOException, NoSuchAlgorithmException {
    Map<String, File> all = new LinkedHashMap<>();
    for (String name : FILES) {
      try (InputStream in = Console.class.getResourceAsStream(FOLDER + name)) {
        if (in == null) {
          throw new IOException(FOLDER + name + " missing from the jar");
        }
        byte[] bytes = in.readAllBytes();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        all.put(name, new File(Buffer.buffer(bytes), MimeMapping.mimeTypeForFilename(name) + "; charset=utf-8",
            "\"" + digest + "\""));
      }
    }
    return Map.copyOf(all);
  }
}
