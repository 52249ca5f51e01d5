package io.epr.api.rest;

import io.epr.api.http.Role;
import io.epr.api.http.Routes;
import io.epr.json.EprJson;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * GET /api/v1/whoami: whether access control is on and what the caller's token may do, so that a console shows a
 * reader no write or admin actions (the server refuses them anyway). Without access control everyone is admin.
 */
public final class WhoamiApi {
  private final BooleanSupplier accessControl;

  /** {@code accessControl}: whether EPR_API_TOKENS (or its file) is set, as the access control reads it. */
  public WhoamiApi(BooleanSupplier accessControl) {
    this.accessControl = accessControl;
  }

  public void mount(Router router) {
    Routes.get(router, "/api/v1/whoami", this::whoami);
  }

  private void whoami(RoutingContext ctx) {
    boolean on = accessControl.getAsBoolean();
    Role role = on ? Role.ofCaller(ctx) : Role.ADMIN;
    Envelope.data(ctx, EprJson.write(g -> {
      g.writeStartObject();
      g.writeBooleanField("access_control", on);
      g.writeStringField("role", role == null ? null : role.toString());
      g.writeEndObject();
    }));
  }
}
