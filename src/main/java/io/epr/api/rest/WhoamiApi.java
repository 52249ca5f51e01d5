package io.epr.api.rest;

import io.epr.api.ApiTokens;
import io.epr.api.http.Role;
import io.epr.api.http.Routes;
import io.epr.json.EprJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * GET /api/v1/whoami: whether access control is on and what the caller's token may do, so that a console shows a
 * reader no write or admin actions (the server refuses them anyway). Without access control everyone is admin.
 */
public final class WhoamiApi {
  private final Supplier<ApiTokens> tokens;

  /** {@code tokens}: those in force, as the access control reads them. */
  public WhoamiApi(Supplier<ApiTokens> tokens) {
    this.tokens = tokens;
  }

  public void mount(Router router) {
    Routes.get(router, "/api/v1/whoami", this::whoami);
  }

  private void whoami(RoutingContext ctx) {
    boolean on = tokens.get().on();
    Role role = on ? Role.ofCaller(ctx) : Role.ADMIN;
    Envelope.data(ctx, EprJson.write(g -> {
      g.writeStartObject();
      g.writeBooleanField("access_control", on);
      g.writeStringField("role", role == null ? null : role.toString());
      g.writeEndObject();
    }));
  }
}
