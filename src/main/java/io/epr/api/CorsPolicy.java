package io.epr.api;

import io.epr.api.http.ErrorResponses;
import io.epr.config.EprConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may call the API from another origin (EPR_CORS_ORIGINS, none by default): theirs get CORS's
 * {@code Access-Control-Allow-*} headers, with credentials; {@code *} allows any page, without credentials. The
 * server's own pages (GraphiQL) need none: a request whose Origin is the server's own (the request's scheme and Host,
 * or EPR_PUBLIC_URL's origin) is served as one without Origin, as are requests of curl and the CLIs. Any other origin
 * gets no such header, and its requests that may change something (every method but GET, HEAD and OPTIONS) are
 * refused with 403 before their body is read: a browser sends a text/plain or form POST to another origin without
 * asking first, and the service reads a body whatever its Content-Type, so withholding the headers would not stop
 * the write. (Vert.x's CorsHandler knows a fixed list of origins only, not the request's own, and refuses a foreign
 * origin's reads too.)
 */
public final class CorsPolicy implements Handler<RoutingContext> {
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String METHODS = "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS";
  private static final String EXPOSED = "X-Total-Count,X-Last-Page";
  private static final String MAX_AGE_SECONDS = "300";

  private final boolean anyOrigin;
  private final Set<String> allowed;
  private final String publicOrigin;

  /** {@code origins} as EprConfig reads them: origins, or {@code *} alone. */
  CorsPolicy(List<String> origins, String publicUrl) {
    this.anyOrigin = origins.contains("*");
    this.allowed = Set.copyOf(origins);
    this.publicOrigin = EprConfig.origin(publicUrl);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader("Origin");
    String written = origin == null ? null : EprConfig.origin(origin);
    if (written == null || ownOrigin(written, request)) {
      ctx.next();
      return;
    }
    boolean preflight = request.method() == HttpMethod.OPTIONS
        && request.getHeader("Access-Control-Request-Method") != null;
    if (!anyOrigin && !allowed.contains(written)) {
      if (preflight || !SAFE.contains(request.method())) {
        new ErrorResponses(403, "cross-origin request refused: web pages of " + origin + " may not change anything "
            + "here; to allow them, add their origin to EPR_CORS_ORIGINS").send(ctx);
      } else {
        ctx.next(); // served, but without CORS headers the browser does not show the answer to the page
      }
      return;
    }
    HttpServerResponse response = ctx.response();
    if (anyOrigin) {
      response.putHeader("Access-Control-Allow-Origin", "*");
    } else {
      response.putHeader("Access-Control-Allow-Origin", origin).putHeader("Access-Control-Allow-Credentials", "true")
          .putHeader("Vary", "Origin");
    }
    if (preflight) {
      String asked = request.getHeader("Access-Control-Request-Headers");
      if (asked != null) {
        response.putHeader("Access-Control-Allow-Headers", asked);
      }
      response.putHeader("Access-Control-Allow-Methods", METHODS).putHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
          .putHeader("Content-Length", "0").setStatusCode(204).end();
    } else {
      response.putHeader("Access-Control-Expose-Headers", EXPOSED);
      ctx.next();
    }
  }

  private boolean ownOrigin(String origin, HttpServerRequest request) {
    String host = request.getHeader("Host");
    return origin.equals(publicOrigin) || host != null && origin.equals(EprConfig.origin(request.scheme() + "://" + host));
  }
}
