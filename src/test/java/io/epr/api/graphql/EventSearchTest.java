package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.ServerTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** event_search: the console's search for events by prefixes, receiver type, outcome and time, a page at a time. */
class EventSearchTest extends ServerTest {
  private static final String SEARCH = "query S($name: String, $version: String, $release: String, "
      + "$platform_id: String, $package: String, $receiver_type: String, $success: Boolean, $since: Time, "
      + "$until: Time, $first: Int, $after: String) { event_search(name: $name, version: $version, release: $release, "
      + "platform_id: $platform_id, package: $package, receiver_type: $receiver_type, success: $success, "
      + "since: $since, until: $until, first: $first, after: $after) { events { id name release success created_at "
      + "event_receiver { type } } next } }";

  @Test
  void namesArePrefixesTakenLiterallyAndCaseSensitively() {
    String run = "s" + System.nanoTime();
    String receiver = receiver("build." + run);
    List<String> names = List.of(run + "-app", run + "-apple", run + "-App", run + "-a%p", run + "-a_p", run + "-b",
        run + "-ü", run + "-v");
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      ids.add(post(Bodies.event(receiver, name, "1")));
    }
    assertEquals(List.of(ids.get(1), ids.get(0)), found(vars().put("name", run + "-app")));
    assertEquals(List.of(ids.get(2)), found(vars().put("name", run + "-A")));
    assertEquals(List.of(ids.get(3)), found(vars().put("name", run + "-a%")), "% is a character, not a wildcard");
    assertEquals(List.of(ids.get(4)), found(vars().put("name", run + "-a_")), "_ is a character, not a wildcard");
    assertEquals(List.of(ids.get(6)), found(vars().put("name", run + "-ü")));
    assertEquals(reversed(ids), found(vars().put("name", run)), "newest first");
    assertEquals(List.of(), found(vars().put("name", run + "-c")));
  }

  @Test
  void everyFieldNarrowsTheSearch() {
    String run = "f" + System.nanoTime();
    String build = receiver("build." + run);
    String test = receiver("test." + run);
    String a = post(Bodies.event(build, run, "10"));
    String b = post(Bodies.event(test, run, "10").put("success", false));
    String c = post(Bodies.event(build, run, "11").put("version", "2.0").put("platform_id", "windows"));
    String d = post(Bodies.event(test, run, "20").put("package", "rpm"));

    assertEquals(List.of(d, c, b, a), found(vars().put("name", run)));
    assertEquals(List.of(c, b, a), found(vars().put("name", run).put("release", "1")));
    assertEquals(List.of(c), found(vars().put("name", run).put("version", "2")));
    assertEquals(List.of(c), found(vars().put("name", run).put("platform_id", "win")));
    assertEquals(List.of(d), found(vars().put("name", run).put("package", "rp")));
    assertEquals(List.of(d, b), found(vars().put("name", run).put("receiver_type", "test." + run)));
    assertEquals(List.of(), found(vars().put("name", run).put("receiver_type", "test.")), "the type is exact");
    assertEquals(List.of(b), found(vars().put("name", run).put("success", false)));
    assertEquals(List.of(d, b), found(vars().put("release", "").put("receiver_type", "test." + run)),
        "an empty prefix matches anything");

    JsonNode page = search(vars().put("name", run).put("success", false));
    assertEquals("test." + run, page.at("/events/0/event_receiver/type").asText(), "events carry their receiver");
  }

  @Test
  void aTimeRangeIncludesItsStartAndNotItsEnd() {
    String run = "t" + System.nanoTime();
    String receiver = receiver("build." + run);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(post(Bodies.event(receiver, run, String.valueOf(i))));
    }
    String second = createdAt(ids.get(1));
    String fourth = createdAt(ids.get(3));
    assertEquals(List.of(ids.get(2), ids.get(1)), found(vars().put("name", run).put("since", second)
        .put("until", fourth)));
    assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1)), found(vars().put("name", run).put("since", second)));
    assertEquals(List.of(ids.get(0)), found(vars().put("name", run).put("until", second)));
  }

  @Test
  void pagesFollowOneAnotherWithoutGapsOrRepeats() {
    String run = "p" + System.nanoTime();
    String receiver = receiver("build." + run);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      ids.add(post(Bodies.event(receiver, run, String.valueOf(i))));
    }
    List<String> read = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String after = null;
    do {
      ObjectNode vars = vars().put("name", run).put("first", 10);
      if (after != null) {
        vars.put("after", after);
      }
      JsonNode page = search(vars);
      page.get("events").forEach(e -> read.add(e.get("id").asText()));
      sizes.add(page.get("events").size());
      after = page.get("next").isNull() ? null : page.get("next").asText();
      if (after != null) {
        assertEquals(read.get(read.size() - 1), after, "the cursor is the last event's id");
      }
    } while (after != null);
    assertEquals(reversed(ids), read);
    assertEquals(List.of(10, 10, 6), sizes);

    JsonNode exact = search(vars().put("name", run).put("first", 26));
    assertEquals(26, exact.get("events").size());
    assertTrue(exact.get("next").isNull(), "no next page when every event fits");
    JsonNode byDefault = search(vars().put("name", run));
    assertEquals(ids.subList(1, 26), reversed(byDefault.findValuesAsText("id")), "25 by default");
    assertEquals(ids.get(1), byDefault.get("next").asText());
  }

  @Test
  void badArgumentsAreRefusedWithWhatIsWrong() {
    assertEquals("invalid input: first must be a number from 1 to 100, got '101'",
        errorOf(vars().put("first", 101)));
    assertEquals("invalid input: first must be a number from 1 to 100, got '0'", errorOf(vars().put("first", 0)));
    String notATime = errorOf(vars().put("since", "yesterday"));
    assertTrue(notATime.contains("Time must be RFC 3339 text with an offset, e.g. 2024-05-01T12:00:00Z, got "
        + "yesterday"), notATime);
  }

  private static String receiver(String type) {
    return http.post("/api/v1/receivers", Bodies.receiver("r", type)).id();
  }

  private static String post(ObjectNode event) {
    return http.post("/api/v1/events", event).id();
  }

  private static String createdAt(String id) {
    return http.get("/api/v1/events/" + id).json().at("/data/0/created_at").asText();
  }

  private static ObjectNode vars() {
    return Http.JSON.createObjectNode();
  }

  private static JsonNode search(ObjectNode variables) {
    JsonNode answer = http.graphql(SEARCH, variables);
    assertTrue(!answer.has("errors"), answer.toString());
    return answer.at("/data/event_search");
  }

  private static List<String> found(ObjectNode variables) {
    List<String> ids = new ArrayList<>();
    search(variables.put("first", 100)).get("events").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  private static String errorOf(ObjectNode variables) {
    JsonNode answer = http.graphql(SEARCH, variables);
    assertTrue(answer.has("errors"), answer.toString());
    return answer.at("/errors/0/message").asText();
  }

  private static List<String> reversed(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    Collections.reverse(out);
    return out;
  }
}
