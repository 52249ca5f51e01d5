package io.epr.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.Http.Response;
import io.epr.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/receivers/check: a console checks a receiver as it is typed, with the server's own errors: exactly
 * those a create of the same body answers with, and nothing stored.
 */
class ReceiverCheckTest extends ServerTest {
  private static final String CHECK = "/api/v1/receivers/check";

  @Test
  void aBadBodyGetsExactlyTheErrorsOfItsCreate() {
    List<String> bodies = List.of(
        "",
        "{\"name\":",
        "[]",
        "{}",
        "{\"name\": 5}",
        Bodies.receiver(" ", "t").toString(),
        Bodies.receiver("r", "t").put("version", "v".repeat(256)).toString(),
        Bodies.receiver("r", "t").put("description", "nul \u0000").toString(),
        Bodies.receiver("r", "t").putNull("schema").toString(),
        Bodies.receiver("r", "t", "[1]").toString(),
        Bodies.receiver("r", "t", "{\"type\": 5}").toString(),
        Bodies.receiver("r", "t", "{\"type\": \"string\", \"pattern\": \"(\"}").toString(),
        Bodies.receiver("", "", "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"minLength\": -1}")
            .put("version", "").toString());
    StoreSnapshot before = StoreSnapshot.take(server);
    List<String> differing = new ArrayList<>();
    for (String body : bodies) {
      Response check = http.post(CHECK, body);
      assertEquals(200, check.status(), body + ": " + check.body());
      assertEquals("application/json", check.headers().firstValue("Content-Type").orElse(""));
      JsonNode data = check.json().get("data");
      assertEquals(false, data.get("valid").asBoolean(), body);
      Response create = http.post("/api/v1/receivers", body);
      assertEquals(400, create.status(), body + ": " + create.body());
      if (!create.json().get("errors").equals(data.get("errors"))) {
        differing.add(body + "\n  create: " + create.json().get("errors") + "\n  check:  " + data.get("errors"));
      }
    }
    assertEquals(List.of(), differing);
    before.assertUnchanged();
  }

  @Test
  void aGoodBodyIsValidAndStoredOnlyByItsCreate() {
    String body = Bodies.receiver("checked", "t", "{\"type\": \"object\", \"required\": [\"url\"]}").toString();
    StoreSnapshot before = StoreSnapshot.take(server);
    Response check = http.post(CHECK, body);
    assertEquals(200, check.status(), check.body());
    assertEquals("{\"data\":{\"valid\":true}}\n", check.body());
    before.assertUnchanged();
    assertEquals(200, http.post("/api/v1/receivers", body).status(), "what the check took, a create takes");
  }
}
