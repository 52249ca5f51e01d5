package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.ServerTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A build's gates (provenance.gates): each enabled group touching the build, complete or pending with its missing
 * members, judged as ingest completes groups (the latest event of each member succeeded).
 */
class GatesTest extends ServerTest {

  @Test
  void gatesFollowTheLatestEventOfEachMember() {
    String r1 = receiver("built");
    String r2 = receiver("tested");
    String r3 = receiver("scanned");
    String r4 = receiver("elsewhere");
    String g1 = group(true, r1, r2);
    String g2 = group(true, r3, r1);
    group(false, r2);
    group(true, r4);
    String release = "gates-" + System.nanoTime();

    assertEquals(Map.of(), gates(release), "no events: no gates");
    post(r1, release, true);
    assertEquals(Map.of(g1, List.of(r2), g2, List.of(r3)), gates(release),
        "pending, with the members still missing; a disabled group and one of other receivers are no gates");
    post(r2, release, false);
    assertEquals(Map.of(g1, List.of(r2), g2, List.of(r3)), gates(release), "a failed event does not pass");
    post(r2, release, true);
    assertEquals(Map.of(g1, List.of(), g2, List.of(r3)), gates(release), "the latest event counts");
    assertEquals(List.of(g1), completed(release), "complete as ingest completed it");
    post(r1, release, false);
    assertEquals(Map.of(g1, List.of(r1), g2, List.of(r3, r1)), gates(release),
        "pending again once a member's latest event failed, the missing members in the group's order");
    assertEquals(List.of(g1), completed(release), "it did complete once");
    assertEquals(Map.of(), gates(release + "-other"), "another NVRPP has gates of its own");
  }

  @Test
  void aGateSaysItsGroupAndMissingReceiversWhole() {
    String r1 = receiver("built");
    String r2 = receiver("tested");
    String g = group(true, r1, r2);
    String release = "whole-" + System.nanoTime();
    post(r1, release, true);
    JsonNode gate = provenance(release, "gates { group { id name enabled event_receiver_ids } complete "
        + "missing { id name type } }").at("/gates/0");
    assertEquals(g, gate.at("/group/id").asText());
    assertEquals(List.of(r1, r2), List.of(gate.at("/group/event_receiver_ids/0").asText(),
        gate.at("/group/event_receiver_ids/1").asText()));
    assertFalse(gate.get("complete").asBoolean());
    assertEquals(r2, gate.at("/missing/0/id").asText());
    assertEquals("tested", gate.at("/missing/0/name").asText());
    assertEquals("gate.tested", gate.at("/missing/0/type").asText());
  }

  /** Each gate's group id and its missing receivers; a complete gate misses none. */
  private static Map<String, List<String>> gates(String release) {
    Map<String, List<String>> gates = new LinkedHashMap<>();
    for (JsonNode gate : provenance(release, "gates { group { id } complete missing { id } }").get("gates")) {
      List<String> missing = new ArrayList<>();
      gate.get("missing").forEach(r -> missing.add(r.get("id").asText()));
      assertEquals(missing.isEmpty(), gate.get("complete").asBoolean(), gate.toString());
      gates.put(gate.at("/group/id").asText(), missing);
    }
    return gates;
  }

  private static List<String> completed(String release) {
    List<String> ids = new ArrayList<>();
    provenance(release, "groups_completed { id }").get("groups_completed").forEach(g -> ids.add(g.get("id").asText()));
    return ids;
  }

  private static JsonNode provenance(String release, String fields) {
    JsonNode answer = http.graphql("{ provenance(name: \"app\", version: \"1\", release: \"" + release
        + "\", platform_id: \"linux\", package: \"oci\") { " + fields + " } }", null);
    assertFalse(answer.has("errors"), answer.toString());
    return answer.at("/data/provenance");
  }

  private static String receiver(String name) {
    return http.post("/api/v1/receivers", Bodies.receiver(name, "gate." + name)).id();
  }

  private static String group(boolean enabled, String... receivers) {
    return http.post("/api/v1/groups", Bodies.group("g", receivers).put("enabled", enabled)).id();
  }

  private static void post(String receiver, String release, boolean success) {
    http.post("/api/v1/events", Bodies.event(receiver, "app", release).put("success", success)).id();
  }
}
