package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.support.ServerTest;
import org.junit.jupiter.api.Test;

/** GET /api/v1/whoami without access control (AccessControlTest has it with tokens): everyone may do everything. */
class WhoamiTest extends ServerTest {
  @Test
  void withoutAccessControlEveryoneIsAdmin() {
    var r = http.get("/api/v1/whoami");
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"data\":{\"access_control\":false,\"role\":\"admin\"}}\n", r.body());
  }
}
