package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compare(a:, b:): two builds' packages added, removed and changed, and the events each has that the other has not. */
class CompareTest extends ServerTest {
  private static final String COMPARE = "query C($a: NvrppInput!, $b: NvrppInput!) { compare(a: $a, b: $b) { "
      + "added { name group purl a_version b_version a_licenses b_licenses } "
      + "removed { name group purl a_version b_version a_licenses b_licenses } "
      + "changed { name group purl a_version b_version a_licenses b_licenses } "
      + "events_only_in_a { id success event_receiver { type } } events_only_in_b { id success event_receiver { type } } } }";

  @Test
  void packagesAddedRemovedAndChangedInVersionOrLicense() {
    String run = "cmp-" + System.nanoTime();
    sbom(run, "a", component("com.fasterxml.jackson.core", "jackson-databind", "2.15.0",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.0", "Apache-2.0"),
        component(null, "lodash", "4.17.20", "pkg:npm/lodash@4.17.20", "MIT"),
        component(null, "left-pad", "1.0.0", "pkg:npm/left-pad@1.0.0", "WTFPL"),
        component("org.x", "y", "1.0", "pkg:maven/org.x/y@1.0?type=jar", "MIT"),
        component("com.acme", "internal", "1.0", null, "Proprietary"));
    sbom(run, "b", component("com.fasterxml.jackson.core", "jackson-databind", "2.17.0",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0", "Apache-2.0"),
        component(null, "lodash", "4.17.20", "pkg:npm/lodash@4.17.20", "ISC"),
        component("org.x", "y", "1.0", "pkg:maven/org.x/y@1.0", "MIT"),
        component("com.acme", "internal", "1.0", null, "Proprietary"));
    sbom(run, "b", component("io.netty", "netty-handler", "4.1.100.Final",
            "pkg:maven/io.netty/netty-handler@4.1.100.Final", null),
        component("com.fasterxml.jackson.core", "jackson-databind", "2.17.0",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0", "Apache-2.0"));

    JsonNode c = compare(run, "a", "b");
    assertEquals(List.of("netty-handler|io.netty|pkg:maven/io.netty/netty-handler|null|4.1.100.Final|null|[]"),
        changes(c.get("added")), "in b's second SBOM; the purl without its version");
    assertEquals(List.of("left-pad|null|pkg:npm/left-pad|1.0.0|null|[\"WTFPL\"]|null"), changes(c.get("removed")));
    assertEquals(List.of("jackson-databind|com.fasterxml.jackson.core|pkg:maven/com.fasterxml.jackson.core/"
            + "jackson-databind|2.15.0|2.17.0|[\"Apache-2.0\"]|[\"Apache-2.0\"]",
        "lodash|null|pkg:npm/lodash|4.17.20|4.17.20|[\"MIT\"]|[\"ISC\"]"), changes(c.get("changed")),
        "other qualifiers are the same package; one without a purl is its group and name");

    JsonNode back = compare(run, "b", "a");
    assertEquals(changes(c.get("removed")).size(), back.get("added").size());
    assertEquals(List.of(), changes(compare(run, "a", "a").get("changed")), "a build is its own equal");
  }

  @Test
  void eventsOnlyInOneAreThoseOfAReceiverTypeAndOutcomeTheOtherHasNot() {
    String run = "ev-" + System.nanoTime();
    String build = receiver(run + ".build");
    String test = receiver(run + ".test");
    String scan = receiver(run + ".scan");
    event(build, run, "a", true);
    String aTestFailed = event(test, run, "a", false);
    event(build, run, "b", true);
    String bBuildFailed = event(build, run, "b", false);
    String bTestPassed = event(test, run, "b", true);
    String bScanned = event(scan, run, "b", true);

    JsonNode c = compare(run, "a", "b");
    assertEquals(List.of(aTestFailed), ids(c.get("events_only_in_a")));
    assertEquals(List.of(bBuildFailed, bTestPassed, bScanned), ids(c.get("events_only_in_b")),
        "a failed build a has not (a's build passed), a passed test, a scan; oldest first");
    assertEquals(run + ".test", c.at("/events_only_in_a/0/event_receiver/type").asText());
    assertEquals(List.of(), changes(c.get("added")), "no SBOMs, no packages");
  }

  private static JsonNode compare(String name, String releaseA, String releaseB) {
    ObjectNode vars = Http.JSON.createObjectNode();
    vars.set("a", nvrpp(name, releaseA));
    vars.set("b", nvrpp(name, releaseB));
    JsonNode answer = http.graphql(COMPARE, vars);
    assertFalse(answer.has("errors"), answer.toString());
    return answer.at("/data/compare");
  }

  private static ObjectNode nvrpp(String name, String release) {
    return Http.JSON.createObjectNode().put("name", name).put("version", "1").put("release", release)
        .put("platform_id", "linux").put("package", "oci");
  }

  /** Each change as name|group|purl|a_version|b_version|a_licenses|b_licenses. */
  private static List<String> changes(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : list) {
      out.add(String.join("|", c.get("name").asText(), c.get("group").asText(), c.get("purl").asText(),
          c.get("a_version").asText(), c.get("b_version").asText(), c.get("a_licenses").toString(),
          c.get("b_licenses").toString()));
    }
    return out;
  }

  private static List<String> ids(JsonNode events) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e.get("id").asText()));
    return out;
  }

  private static ObjectNode component(String group, String name, String version, String purl, String license) {
    ObjectNode c = Http.JSON.createObjectNode().put("type", "library").put("name", name).put("version", version);
    if (group != null) {
      c.put("group", group);
    }
    if (purl != null) {
      c.put("purl", purl);
    }
    if (license != null) {
      c.putArray("licenses").addObject().putObject("license").put(license.equals("Proprietary") ? "name" : "id",
          license);
    }
    return c;
  }

  private static void sbom(String name, String release, ObjectNode... components) {
    ObjectNode bom = Http.JSON.createObjectNode().put("bomFormat", "CycloneDX").put("specVersion", "1.5")
        .put("version", 1);
    ArrayNode list = bom.putArray("components");
    for (ObjectNode c : components) {
      list.add(c);
    }
    http.post("/api/v1/sboms?name=" + name + "&version=1&release=" + release + "&platform_id=linux&package=oci",
        bom.toString()).id();
  }

  private static String receiver(String type) {
    return http.post("/api/v1/receivers", Bodies.receiver("r", type)).id();
  }

  private static String event(String receiver, String name, String release, boolean success) {
    return http.post("/api/v1/events", Bodies.event(receiver, name, release).put("success", success)).id();
  }
}
