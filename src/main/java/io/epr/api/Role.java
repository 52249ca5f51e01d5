package io.epr.api;

import java.util.Locale;

/** What a token may do under EPR_API_TOKENS; each role includes the ones before it. */
public enum Role {
  READ, WRITE, ADMIN;

  public boolean covers(Role needed) {
    return compareTo(needed) >= 0;
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
