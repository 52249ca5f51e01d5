package io.epr.api;

import io.epr.api.graphql.GraphQLApi;
import io.epr.api.http.ErrorResponses;
import io.epr.api.http.Requirement;
import io.epr.api.http.Role;
import io.epr.mcp.McpHttpRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * EPR_API_TOKENS at the door of /api and /metrics: a request needs {@code Authorization: Bearer <token>} whose role
 * covers it. GET and HEAD read, other methods write, dead-letter retries are admin's, a GraphQL request needs what
 * the operation it runs does ({@link GraphQLApi} judges it). CORS preflights and the GraphiQL page stay open (the
 * page's queries need the token). A refusal is 401 (no token or an unknown one) or 403 (too weak a role), in EPR's
 * envelope.
 */
public final class AccessControl {
  private static final String BEARER = "bearer ";

  private final Supplier<ApiTokens> tokens;

  /** {@code tokens}: those in force, read for each request (EPR_API_TOKENS_FILE may be reloaded). */
  public AccessControl(Supplier<ApiTokens> tokens) {
    this.tokens = tokens;
  }

  /** Before the body is read, so a refused request is not buffered; GraphQL's operation is checked after. */
  public void checkRequest(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    if (method == HttpMethod.OPTIONS || reading(method) && isGraphiQL(path)) {
      ctx.next();
      return;
    }
    ApiTokens tokens = this.tokens.get();
    String token = bearerToken(ctx);
    if (token == null) {
      String authorization = ctx.request().getHeader("Authorization");
      unauthorized(ctx, "Bearer", "missing bearer token: " + (authorization == null
          ? "send Authorization: Bearer <token>" : "the Authorization header must be 'Bearer <token>'")
          + " (access control is on: " + tokens.settings() + ")");
      return;
    }
    Role role = tokens.roleOf(token);
    if (role == null) {
      unauthorized(ctx, "Bearer error=\"invalid_token\"", "unknown bearer token: it is none of the tokens in "
          + tokens.settings() + "; check the token sent (EPR_TOKEN or --token for the epr clients)");
      return;
    }
    role.letIn(ctx);
    check(ctx, role, requirement(method, path));
  }

  /** The token of the request's {@code Authorization: Bearer <token>}; null when it sends none. */
  static String bearerToken(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }

  /** What a request needs, but for the GraphQL operation: {@link GraphQLApi} judges the one it runs. */
  static Requirement requirement(HttpMethod method, String path) {
    String action = method.name() + " " + path;
    if (reading(method) || path.equals(GraphQLApi.QUERY_PATH)) {
      return new Requirement(Role.READ, action);
    }
    if (path.equals(McpHttpRoute.PATH)) {
      // the tools call this API with the caller's token, so each is held to what it does there
      return new Requirement(Role.READ, action);
    }
    if (path.startsWith("/api/v1/dead-letters")) {
      return new Requirement(Role.ADMIN, action);
    }
    return new Requirement(Role.WRITE, action);
  }

  private static void check(RoutingContext ctx, Role role, Requirement needed) {
    String refusal = needed.refusal(role);
    if (refusal == null) {
      ctx.next();
    } else {
      new ErrorResponses(403, refusal).send(ctx);
    }
  }

  private static void unauthorized(RoutingContext ctx, String challenge, String message) {
    ctx.response().putHeader("WWW-Authenticate", challenge);
    new ErrorResponses(401, message).send(ctx);
  }

  private static boolean reading(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }

  /** GraphiQL's page and assets (its queries go to POST {@value GraphQLApi#QUERY_PATH}). */
  private static boolean isGraphiQL(String path) {
    return path.equals(GraphQLApi.GRAPHIQL_PATH) || path.startsWith(GraphQLApi.GRAPHIQL_PATH + "/")
        || path.startsWith("/api/v1/static/");
  }
}
