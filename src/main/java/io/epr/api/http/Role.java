package io.epr.api.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * What a token may do under EPR_API_TOKENS; each role includes the ones before it. A request let in by access control
 * carries its token's role, for what is judged after the door (a GraphQL operation).
 */
public enum Role {
  READ, WRITE, ADMIN;

  private static final String CALLER = "epr.role";

  public boolean covers(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** Access control let this request in with a token of this role. */
  public void letIn(RoutingContext ctx) {
    ctx.put(CALLER, this);
  }

  /** The role of the token this request was let in with; null when access control is off. */
  public static Role ofCaller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /** The role as EPR_API_TOKENS names it; null when it names none. */
  public static Role named(String name) {
    for (Role role : values()) {
      if (role.toString().equals(name)) {
        return role;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
