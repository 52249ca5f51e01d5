package io.epr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.Bodies;
import io.epr.support.ServerTest;
import io.epr.support.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Group gating (epr-api.md §5) with the per-group rule this service implements, seen on the real topic. */
class GroupGatingTest extends ServerTest {

  /** epr-api.md §5.3: the steps where Go EPR got it wrong (2 and 8) complete the right group here. */
  @Test
  void eachGroupIsJudgedOnItsOwnMembers() {
    String r1 = receiver();
    String r2 = receiver();
    String r3 = receiver();
    String g1 = group(true, r1, r2);
    String g2 = group(true, r1, r3);
    String release = "gate-" + System.nanoTime();

    assertEquals(Set.of(), post(r2, "app", release, true));
    assertEquals(Set.of(g1), post(r1, "app", release, true));
    assertEquals(Set.of(g2), post(r3, "app", release, true));
    assertEquals(Set.of(g1, g2), post(r1, "app", release, true));
    assertEquals(Set.of(), post(r2, "app", release, false));
    assertEquals(Set.of(g1), post(r2, "app", release, true));
    assertEquals(200, http.patch("/api/v1/groups/" + g2, "{\"enabled\":false}").status());
    assertEquals(Set.of(g1), post(r1, "app", release, true));
    assertEquals(Set.of(), post(r3, "app", release, false));
    assertEquals(Set.of(g1), post(r1, "app", release, true), "a disabled group does not block another");
  }

  @Test
  void completesOnlyForTheSameNvrppAndLatestSuccessAndEnabledGroup() {
    String r1 = receiver();
    String r2 = receiver();
    String g = group(true, r1, r2);
    String release = "variants-" + System.nanoTime();

    assertEquals(Set.of(), post(r1, "foo", release, true));
    assertEquals(Set.of(), post(r2, "bar", release, true), "a different name is a different NVRPP");
    assertEquals(Set.of(g), post(r2, "foo", release, true));

    assertEquals(Set.of(), post(r1, "foo", release, false));
    assertEquals(Set.of(), post(r2, "foo", release, true), "the latest r1 event failed");
    assertEquals(Set.of(g), post(r1, "foo", release, true), "the latest event counts, a success reopens the gate");

    assertEquals(200, http.patch("/api/v1/groups/" + g, "{\"enabled\":false}").status());
    assertEquals(Set.of(), post(r2, "foo", release, true), "a disabled group never completes");

    String disabledFromStart = group(false, r1, r2);
    assertEquals(Set.of(), post(r1, "foo", release, true), disabledFromStart + " is disabled");
  }

  /** Two members' events for one NVRPP posted at the same moment: the gate completes exactly once. */
  @Test
  void concurrentEventsOfOneNvrppCompleteTheGroupExactlyOnce() throws Exception {
    String r1 = receiver();
    String r2 = receiver();
    String g = group(true, r1, r2);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> releases = new ArrayList<>();
    List<CompletableFuture<String>> posts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String release = "race-" + i + "-" + System.nanoTime();
      releases.add(release);
      for (String r : List.of(r1, r2)) {
        posts.add(CompletableFuture.supplyAsync(() -> http.post("/api/v1/events", event(r, "race", release, true)).id(), pool));
      }
    }
    for (CompletableFuture<String> p : posts) {
      p.get();
    }
    pool.shutdown();
    topic.await(m -> m.path("id").asText().equals(g) && releases.contains(m.path("release").asText()), 20,
        Duration.ofSeconds(20));
    List<String> completedReleases = topic.settle(m -> m.path("id").asText().equals(g)
        && m.path("type").asText().equals("gate.type"), Duration.ofSeconds(2)).stream()
        .map(rec -> TopicReader.json(rec).path("release").asText()).sorted().toList();
    assertEquals(releases.stream().sorted().toList(), completedReleases);
  }

  /** Posts an event and returns the ids of the groups whose completion message carries it. */
  private static Set<String> post(String receiverId, String name, String release, boolean success) {
    String eid = http.post("/api/v1/events", event(receiverId, name, release, success)).id();
    topic.await(m -> m.path("id").asText().equals(eid), 1, Duration.ofSeconds(15));
    Set<String> groups = new TreeSet<>();
    topic.settle(m -> m.at("/data/events/0/id").asText().equals(eid) && !m.path("id").asText().equals(eid),
        Duration.ofMillis(800)).forEach(rec -> {
          JsonNode m = TopicReader.json(rec);
          assertEquals("gate.type", m.get("type").asText());
          groups.add(m.get("id").asText());
        });
    return groups;
  }

  private static String receiver() {
    return http.post("/api/v1/receivers", Bodies.receiver("r", "gating.test")).id();
  }

  private static String group(boolean enabled, String... receivers) {
    return http.post("/api/v1/groups", Bodies.group("g", receivers).put("enabled", enabled)).id();
  }

  private static String event(String receiverId, String name, String release, boolean success) {
    return Bodies.event(receiverId, name, release).put("success", success).toString();
  }
}
