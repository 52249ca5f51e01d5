package io.epr.watcher;

import static io.epr.watcher.Scenario.EVENT;
import static io.epr.watcher.Scenario.RECEIVER;
import static io.epr.watcher.Scenario.WAIT;
import static io.epr.watcher.Scenario.await;
import static io.epr.watcher.Scenario.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.TopicReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Workshop acceptance scenario 23: the webhook watcher, from the command line options to the recorded events. */
class WatchCommandTest {
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  @Test
  void firesTheWebhookAndRecordsEachCallInEpr() throws Exception {
    HttpServer target = webhookTarget();
    try (EprTestServer server = new EprTestServer(); TopicReader topic = server.reader();
        Watcher watcher = command(server, target).watcher().start()) {
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String eid = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();

      await("the webhook POST", () -> !bodies.isEmpty());
      assertEquals(eid, Http.parse(bodies.get(0)).get("id").asText());
      assertEquals("application/json", contentTypes.get(0));
      JsonNode fired = firedFor(topic, eid);
      assertTrue(fired.get("success").asBoolean());
      assertNvrpp("7.0.1", fired);
      JsonNode stored = server.http.get("/api/v1/events/" + fired.get("id").asText()).json().at("/data/0");
      assertEquals("webhook.fired", stored.at("/EventReceiver/type").asText(), stored.toString());
      assertEquals(200, stored.at("/payload/status").asInt());
      assertEquals(1, stored.at("/payload/attempts").asInt());
      assertEquals("foo.bar", stored.at("/payload/message_type").asText());
      assertEquals(target(target), stored.at("/payload/url").asText());
      assertEquals("webhook " + target(target) + " for foo.bar " + eid, stored.get("description").asText());

      target.stop(0);
      String down = server.http.post("/api/v1/events", EVENT.formatted("7.0.2", rid)).id();
      JsonNode failed = firedFor(topic, down);
      assertFalse(failed.get("success").asBoolean());
      assertNvrpp("7.0.2", failed);
      JsonNode payload = failed.at("/data/events/0/payload");
      assertEquals(3, payload.get("attempts").asInt());
      assertTrue(payload.get("status").isNull());

      settle();
      assertEquals(1, bodies.size(), "one POST per message, none for webhook.fired: " + bodies);
      assertEquals(1, receiversOfType(server, "webhook.fired"));
    }
  }

  @Test
  void matchesTypeGlobsAndSuccessButNeverItsOwnEvents() {
    WatchCommand command = new WatchCommand();
    new CommandLine(command).parseArgs("--match-type", "*.fired", "--success", "true", "--url", "http://localhost:9999/hook");
    assertEquals("localhost:19092", command.brokers);
    assertEquals("epr.dev.events", command.topic);
    assertEquals("epr-webhook-watcher", command.group);
    assertTrue(command.matcher().test(message("job.fired", true)));
    assertFalse(command.matcher().test(message("job.fired", false)));
    assertFalse(command.matcher().test(message("job.fired.not", true)));
    assertFalse(command.matcher().test(message("webhook.fired", true)));
  }

  private static Message message(String type, boolean success) {
    return new Message(success, "id", "1.0", type, "epr", "v1", "n", "v", "r", "p", "pkg", null);
  }

  private static WatchCommand command(EprTestServer server, HttpServer target) {
    WatchCommand command = new WatchCommand();
    new CommandLine(command).parseArgs("--brokers", server.brokers, "--topic", server.topic,
        "--group", "watch-test-" + UUID.randomUUID(), "--match-type", "foo.bar", "--url", target(target),
        "--epr-url", "http://127.0.0.1:" + server.port);
    return command;
  }

  /** The EPR message of the webhook.fired event recorded for the message with this id. */
  private static JsonNode firedFor(TopicReader topic, String messageId) {
    return TopicReader.json(topic.await(m -> m.path("type").asText().equals("webhook.fired")
        && m.at("/data/events/0/payload/message_id").asText().equals(messageId), 1, WAIT).get(0));
  }

  private static void assertNvrpp(String version, JsonNode message) {
    assertEquals(List.of("magnificent", version, "2023.11.16", "linux", "docker"),
        List.of(message.get("name").asText(), message.get("version").asText(), message.get("release").asText(),
            message.get("platform_id").asText(), message.get("package").asText()));
  }

  private static int receiversOfType(EprTestServer server, String type) {
    return server.http.graphql("query($t: String){event_receivers(event_receiver:{type: $t}){id}}",
        Http.parse("{\"t\":\"" + type + "\"}")).at("/data/event_receivers").size();
  }

  private static String target(HttpServer target) {
    return "http://127.0.0.1:" + target.getAddress().getPort() + "/hook";
  }

  private HttpServer webhookTarget() throws IOException {
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    target.start();
    return target;
  }
}
