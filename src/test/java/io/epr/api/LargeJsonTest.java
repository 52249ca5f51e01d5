package io.epr.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.api.rest.StoreSnapshot;
import io.epr.support.BlockedEventLoops;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.RawHttp;
import io.epr.support.SbomGenerator;
import io.epr.support.ServerTest;
import io.epr.support.WideJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client JSON too wide to take (a million keys, a million array items), sent to every endpoint that reads JSON while
 * another client asks for readiness over and over, each time on a new connection (so on every event loop): the wide
 * request is refused with a message that names the limit, readiness is answered within a second or two throughout,
 * and Vert.x reports no event loop blocked. Before, the million GraphQL variables blocked an event loop for 30 s.
 */
class LargeJsonTest extends ServerTest {
  private static final String LIMIT = ": at most 100000 members are allowed in one object or array";
  private static final double READINESS_BOUND_SECONDS = 5;
  private static String receiverId;

  @BeforeAll
  static void createReceiver() {
    receiverId = http.post("/api/v1/receivers", Bodies.receiver("r", "t")).id();
  }

  @Test
  void aMillionGraphqlVariablesAreRefusedWhileReadinessKeepsAnswering() {
    String body = "{\"query\":\"query ($o: FindEventInput!) { events(event: $o) { id } }\",\"variables\":"
        + millionKeys() + "}";
    StoreSnapshot before = StoreSnapshot.take(server);

    List<Http.Response> answers = new ArrayList<>();
    double worst = worstReadinessWhile(() -> {
      for (int i = 0; i < 3; i++) {
        answers.add(http.send("POST", "/api/v1/graphql/query", Map.of("Content-Type", "application/json"),
            body.getBytes(UTF_8), false));
      }
    });

    System.out.printf("a million GraphQL variables (%,d bytes), 3 times: readiness answered within %.3f s at worst%n",
        body.length(), worst);
    for (Http.Response r : answers) {
      assertEquals(400, r.status(), r.body());
      assertEquals("invalid JSON: an object with more than 100000 members at /variables" + LIMIT,
          unlocated(r.body().trim()));
    }
    assertTrue(worst < READINESS_BOUND_SECONDS, "readiness took " + worst + " s");
    before.assertUnchanged();
    BlockedEventLoops.assertNone(http);
  }

  @ParameterizedTest
  @ValueSource(strings = {"event payload", "event body", "receiver schema", "group patch", "mcp"})
  void aMillionMembersAreRefusedEverywhereWhileReadinessKeepsAnswering(String where) {
    String millionItems = WideJson.items(1_000_000, "0");
    String group = http.post("/api/v1/groups", Bodies.group("g", receiverId)).id();
    record Request(String method, String path, String body, String refusal) {}
    Request request = switch (where) {
      case "event payload" -> new Request("POST", "/api/v1/events",
          Bodies.withRaw(Bodies.event(receiverId, "n", "r"), "payload", millionItems),
          "invalid input: invalid JSON: an array with more than 100000 members at /payload" + LIMIT);
      case "event body" -> new Request("POST", "/api/v1/events", millionKeys(),
          "invalid input: invalid JSON: an object with more than 100000 members at (root)" + LIMIT);
      case "receiver schema" -> new Request("POST", "/api/v1/receivers",
          Bodies.withRaw(Bodies.receiver("r", "t"), "schema", "{\"enum\":" + millionItems + "}"),
          "invalid input: invalid JSON: an array with more than 100000 members at /schema/enum" + LIMIT);
      case "group patch" -> new Request("PATCH", "/api/v1/groups/" + group, millionKeys(),
          "invalid input: invalid JSON: an object with more than 100000 members at (root)" + LIMIT);
      default -> new Request("POST", "/api/v1/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"create_event\",\"arguments\":" + millionKeys() + "}}",
          "not a JSON-RPC message: an object with more than 100000 members at /params/arguments" + LIMIT);
    };
    StoreSnapshot before = StoreSnapshot.take(server);

    Http.Response[] answer = new Http.Response[1];
    double worst = worstReadinessWhile(() -> answer[0] = http.send(request.method(), request.path(),
        Map.of("Content-Type", "application/json"), request.body().getBytes(UTF_8), false));

    System.out.printf("%s of a million members (%,d bytes): %d; readiness within %.3f s at worst%n", where,
        request.body().length(), answer[0].status(), worst);
    assertEquals(400, answer[0].status(), answer[0].body());
    JsonNode json = answer[0].json();
    String message = json.has("errors") ? json.at("/errors/0").asText() : json.at("/error/message").asText();
    assertTrue(unlocated(message).startsWith(request.refusal()), message);
    assertTrue(worst < READINESS_BOUND_SECONDS, "readiness took " + worst + " s");
    before.assertUnchanged();
    BlockedEventLoops.assertNone(http);
  }

  /** The limits leave real documents alone: an SBOM of 50,000 components (33 MB) as an event payload is stored. */
  @Test
  void aFiftyThousandComponentSbomIsStoredAsAnEventPayload() {
    String sbom = new String(SbomGenerator.json("1.6", 50_000, null), UTF_8);

    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/api/v1/events"))
        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(
            Bodies.withRaw(Bodies.event(receiverId, "big", "r"), "payload", sbom))).build();

    double[] took = new double[1];
    List<HttpResponse<String>> answer = new ArrayList<>();
    double worst = worstReadinessWhile(() -> {
      long start = System.nanoTime();
      answer.add(HttpClient.newHttpClient().sendAsync(post, HttpResponse.BodyHandlers.ofString()).join());
      took[0] = (System.nanoTime() - start) / 1e9;
    });

    System.out.printf("an event with a 50,000-component SBOM (%,d bytes) stored in %.1f s; readiness within %.3f s "
        + "at worst%n", sbom.length(), took[0], worst);
    assertEquals(200, answer.get(0).statusCode(), answer.get(0).body());
    assertTrue(worst < READINESS_BOUND_SECONDS, "readiness took " + worst + " s");
    BlockedEventLoops.assertNone(http);
  }

  private static String millionKeys() {
    return WideJson.keys(1_000_000);
  }

  /**
   * Runs {@code work} while another client asks for readiness in a loop, each on a new connection; the slowest
   * answer's seconds (every answer must be a 200).
   */
  private static double worstReadinessWhile(Runnable work) {
    AtomicBoolean going = new AtomicBoolean(true);
    List<Double> seconds = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> readiness = CompletableFuture.runAsync(() -> {
      // at least three answers, however quickly the work is refused
      while (going.get() || seconds.size() < 3) {
        long start = System.nanoTime();
        RawHttp.Response r = new RawHttp(server.port).exchange("GET /healthz/readiness HTTP/1.1\r\nHost: x\r\n"
            + "Connection: close\r\n\r\n", 120_000);
        seconds.add((System.nanoTime() - start) / 1e9);
        assertEquals(200, r.status(), r.body());
      }
    });
    try {
      work.run();
    } finally {
      going.set(false);
      readiness.join();
    }
    assertTrue(seconds.size() >= 3, "readiness asked only " + seconds.size() + " times");
    return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** A refusal without where in the document it was found (line and column depend on the document's layout). */
  private static String unlocated(String message) {
    return message.replaceFirst("line \\d+, column \\d+: ", "");
  }
}
