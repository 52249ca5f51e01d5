package io.epr.api;

import io.epr.api.graphql.GraphQLApi;
import io.epr.api.http.ErrorResponses;
import io.epr.api.http.RequestTimeouts;
import io.epr.api.http.Routes;
import io.epr.api.rest.TestReportApi;
import io.epr.client.EprClient;
import io.epr.config.EprConfig;
import io.epr.mcp.McpHttpRoute;
import io.epr.metrics.EprMetrics;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP server: EPR's REST and GraphQL APIs, health and metrics, the console at /, with EPR's headers, CORS and
 * limits. Its connections are admitted and timed by one {@link ConnectionGuard} shared by every instance.
 */
public final class HttpApiVerticle extends VerticleBase {
  private static final int MAX_REQUEST_LINE = 8192;
  private final EprConfig config;
  private final Supplier<ApiTokens> tokens;
  private final RateLimits rateLimits;
  private final List<Consumer<Router>> restApis;
  private final GraphQLApi graphQL;
  private final HealthApi health;
  private final EprMetrics metrics;
  private final ConnectionGuard connections;

  /**
   * {@code tokens}: those in force, read for each request; {@code rateLimits}: the budgets every instance shares, null
   * when EPR_RATE_LIMIT is unset; {@code restApis} mount their routes on the router (REST events/receivers/groups,
   * dead letters, SBOMs, test reports).
   */
  public HttpApiVerticle(EprConfig config, Supplier<ApiTokens> tokens, RateLimits rateLimits,
      List<Consumer<Router>> restApis, GraphQLApi graphQL, HealthApi health, EprMetrics metrics,
      ConnectionGuard connections) {
    this.config = config;
    this.tokens = tokens;
    this.rateLimits = rateLimits;
    this.restApis = restApis;
    this.graphQL = graphQL;
    this.health = health;
    this.metrics = metrics;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::common);
    router.route("/api/*").handler(new CorsPolicy(config.corsOrigins(), config.publicUrl()));
    if (rateLimits != null) {
      router.route().handler(new RateLimiting(rateLimits, tokens));
    }
    router.route("/api/*").handler(new RequestTimeouts(config.requestTimeout(), config.uploadTimeout(),
        Set.of("/api/v1/sboms", TestReportApi.PATH)));
    AccessControl access = tokens.get().on() ? new AccessControl(tokens) : null;
    if (access != null) {
      router.route("/api/*").handler(access::checkRequest);
      router.route("/metrics").handler(access::checkRequest);
    }
    router.route("/api/*").handler(HttpApiVerticle::rawBody);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBody()));
    restApis.forEach(api -> api.accept(router));
    graphQL.mount(router);
    McpHttpRoute.mount(vertx, router, self());
    health.mount(router);
    Routes.get(router, "/metrics", ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    router.errorHandler(404, ctx -> ctx.response().setStatusCode(404)
        .putHeader("Content-Type", "text/plain; charset=utf-8").end("404 page not found\n"));
    router.errorHandler(405, ctx -> ctx.response().setStatusCode(405).end());
    router.errorHandler(413, ctx -> ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
        .end("{\"data\":\"\",\"errors\":[\"invalid input: request body is larger than " + config.maxBody()
            + " bytes (EPR_MAX_BODY)\"]}\n"));
    router.errorHandler(500, ctx ->
        ErrorResponses.of(ctx.failure() == null ? new IllegalStateException("500") : ctx.failure()).send(ctx));

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setCompressionSupported(true)
        .setHttp2ClearTextEnabled(false) // HTTP/1.1 as Go EPR; h2c would also answer HEAD with a body
        .setMaxInitialLineLength(MAX_REQUEST_LINE);
    if (config.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert()).setKeyPath(config.tlsKey()));
    }
    return Console.mount(vertx, router).compose(mounted -> vertx.createHttpServer(options)
        .connectionHandler(connections::admit)
        .invalidRequestHandler(HttpApiVerticle::malformed)
        .requestHandler(request -> {
          int escape = malformedEscape(request.uri());
          if (escape < 0) {
            router.handle(request);
          } else {
            new ErrorResponses(400, "invalid input: the URL has a malformed percent-escape at character " + escape
                + " ('%' must be followed by two hexadecimal digits)").send(request.response());
          }
        })
        .listen());
  }

  /**
   * Bodies are read as they are, whatever the Content-Type says (as Go EPR): curl's -d sends JSON as
   * application/x-www-form-urlencoded, which the body handler would otherwise try to decode as a form.
   */
  private static void rawBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
      ctx.request().headers().remove("Content-Type");
    }
    ctx.next();
  }

  /**
   * A request Netty could not decode (a request line or headers over their limits, broken HTTP): answered in EPR's
   * envelope with what was wrong, and the connection closed, since what follows on it cannot be trusted.
   */
  private static void malformed(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line (method, URL and version) is longer than " + MAX_REQUEST_LINE + " bytes";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes";
    } else {
      status = 400;
      message = "malformed HTTP request: " + (cause == null ? "not HTTP/1.1" : cause.getMessage());
    }
    // said in the answer too, or a client that keeps connections would send its next request on this closed one
    new ErrorResponses(status, "invalid input: " + message).send(request.response().putHeader("Connection", "close"));
    request.connection().close();
  }

  /** Where a '%' of the URL is not followed by two hex digits (Vert.x's router would fail on it), or -1. */
  private static int malformedEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
          || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return i;
      }
    }
    return -1;
  }

  /** This server as its MCP tools call it: over loopback when it listens on every interface, trusting its own TLS. */
  private EprClient self() {
    String host = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
    HttpClient.Builder http = HttpClient.newBuilder();
    if (config.tls()) {
      http.sslContext(OwnCertificate.trustedBy(config.tlsCert()));
    }
    return new EprClient(http, (config.tls() ? "https" : "http") + "://" + host + ":" + config.port(), null);
  }

  /** EPR's security headers, request metrics, and trailing slashes stripped before routing. */
  private void common(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.length() > 1 && path.endsWith("/") && !path.startsWith(GraphQLApi.GRAPHIQL_PATH)) {
      String query = ctx.request().query();
      ctx.reroute(path.replaceAll("/+$", "") + (query == null ? "" : "?" + query));
      return;
    }
    long start = System.nanoTime();
    // set when the headers go out, so that no handler drops them; only the console's files say how to cache them
    ctx.addHeadersEndHandler(v -> {
      ctx.response()
          .putHeader("X-XSS-Protection", "1; mode=block")
          .putHeader("X-Frame-Options", "deny")
          .putHeader("X-Content-Type-Options", "nosniff");
      if (!ctx.response().headers().contains("Cache-Control")) {
        ctx.response().putHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
      }
    });
    ctx.addEndHandler(done -> metrics.request(ctx.request().method().name(), ctx.response().getStatusCode(),
        System.nanoTime() - start));
    ctx.next();
  }
}
