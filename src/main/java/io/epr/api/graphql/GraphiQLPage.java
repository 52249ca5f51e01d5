package io.epr.api.graphql;

import io.epr.api.http.Routes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.MimeMapping;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * GraphiQL (the build vertx-web-graphql bundles) at GET /api/v1/graphql, opening on EPR's own queries. Vert.x's
 * GraphiQL handler reads its page with readFileBlocking on the event loop, and the first such read in the packaged jar
 * extracts all of the jar's io/ folder to Vert.x's file cache: seconds during which that loop answered nothing. Here
 * each file is read from the class path once, on a worker, and kept in memory.
 */
final class GraphiQLPage {
  private static final String FILES = "io/vertx/ext/web/handler/graphiql/";
  private static final String PAGE = "index.html";
  private static final String CONFIG = "__VERTX_GRAPHIQL_CONFIG__";
  /** Plain names only: no "..", no escapes (Vert.x's static handler failed on some odd ones with a 500). */
  private static final Pattern FILE_PATH = Pattern.compile(GraphQLApi.GRAPHIQL_PATH + "(/[\\w-]+(\\.[\\w-]+)*)*/?");

  private final String config;
  /** The files read so far, by their path under {@link #FILES}. */
  private final Map<String, Buffer> files = new ConcurrentHashMap<>();

  /** {@code startQuery}: what the editor shows on a first visit (the page reads it from the config's parameters). */
  GraphiQLPage(String startQuery) {
    this.config = new JsonObject().put("httpEnabled", true).put("graphQLUri", GraphQLApi.QUERY_PATH)
        .put("graphQLWSEnabled", false).put("parameters", new JsonObject().put("query", startQuery)).encode();
  }

  void mount(Router router) {
    // the page loads ./static/… : at /api/v1/graphql (as Go EPR) its files resolve to /api/v1/static/…
    router.get("/api/v1/static/*").handler(ctx ->
        ctx.reroute(GraphQLApi.GRAPHIQL_PATH + "/static/" + ctx.pathParam("*")));
    // the page itself at /api/v1/graphql, with or without the slash, and its files below
    Routes.get(router, GraphQLApi.GRAPHIQL_PATH + "/*", this::serve);
  }

  private void serve(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String name = path.substring(GraphQLApi.GRAPHIQL_PATH.length()).replaceFirst("^/", "");
    if (!FILE_PATH.matcher(path).matches() || name.endsWith("/")) {
      ctx.fail(404);
      return;
    }
    String file = name.isEmpty() ? PAGE : name;
    Buffer kept = files.get(file);
    if (kept != null) {
      send(ctx, file, kept);
      return;
    }
    ctx.vertx().executeBlocking(() -> read(file), false).onComplete(read -> {
      if (read.failed()) {
        ctx.fail(read.cause());
      } else if (read.result() == null) {
        ctx.fail(404);
      } else {
        files.put(file, read.result());
        send(ctx, file, read.result());
      }
    });
  }

  private static void send(RoutingContext ctx, String file, Buffer content) {
    ctx.response().putHeader("Content-Type", contentType(file)).end(content);
  }

  /** The file's bytes (the page with EPR's configuration in it); null when GraphiQL has no such file. */
  private Buffer read(String file) throws IOException {
    try (InputStream in = GraphiQLPage.class.getClassLoader().getResourceAsStream(FILES + file)) {
      if (in == null) {
        return null;
      }
      byte[] bytes = in.readAllBytes();
      return file.equals(PAGE) ? Buffer.buffer(new String(bytes, StandardCharsets.UTF_8).replace(CONFIG, config))
          : Buffer.buffer(bytes);
    }
  }

  private static String contentType(String file) {
    String type = MimeMapping.mimeTypeForFilename(file);
    if (type == null) {
      return "application/octet-stream";
    }
    return type.startsWith("text/") || type.endsWith("javascript") ? type + "; charset=utf-8" : type;
  }
}
