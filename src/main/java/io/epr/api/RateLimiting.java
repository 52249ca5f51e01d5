package io.epr.api;

import io.epr.api.http.ErrorResponses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * EPR_RATE_LIMIT at the door, before access control: each request costs its caller one from its budget
 * ({@link RateLimits}), and a caller with none left gets 429 with {@code Retry-After}. The caller is the bearer token
 * when it is a valid one, else the client address (so tokens cannot be guessed faster than the limit). Health checks
 * and CORS preflights are never limited; a request rerouted inside the router is counted once.
 */
final class RateLimiting implements Handler<RoutingContext> {
  private static final String COUNTED = "epr.rateCounted";

  private final RateLimits limits;
  private final Supplier<ApiTokens> tokens;
  private final String budget;

  RateLimiting(RateLimits limits, Supplier<ApiTokens> tokens) {
    this.limits = limits;
    this.tokens = tokens;
    this.budget = " may make " + limits.budget();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (ctx.request().method() == HttpMethod.OPTIONS || path.equals("/healthz") || path.startsWith("/healthz/")
        || ctx.get(COUNTED) != null) {
      ctx.next();
      return;
    }
    ctx.put(COUNTED, true);
    String token = AccessControl.bearerToken(ctx);
    ApiTokens current = tokens.get();
    String holder = token == null || !current.on() ? null : current.holder(token);
    String address = ctx.request().remoteAddress().hostAddress();
    long wait = holder == null ? limits.secondsToWaitForAddress(address) : limits.secondsToWaitForToken(holder);
    if (wait == 0) {
      ctx.next();
    } else {
      String caller = holder == null ? "this address (" + address + ")" : "this token";
      new ErrorResponses(429, "too many requests: " + caller + budget + "; retry in " + wait + " s", (int) wait)
          .send(ctx);
    }
  }
}
