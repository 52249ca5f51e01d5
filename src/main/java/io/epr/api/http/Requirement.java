package io.epr.api.http;

/** The role a request needs, and the request as a refusal names it ({@code POST /api/v1/events}). */
public record Requirement(Role role, String action) {

  /** Why a token of {@code held} may not make this request, as the 403 says it; null when it may. */
  public String refusal(Role held) {
    return held.covers(role) ? null : "this token has role " + held + "; " + action + " needs " + role;
  }
}
