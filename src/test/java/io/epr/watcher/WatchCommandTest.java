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
import io.epr.support.TestBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
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
    assertEquals(StartFrom.LATEST, command.from, "a new group does not replay the topic unless told");
    assertTrue(command.matcher().test(message("job.fired", true)));
    assertFalse(command.matcher().test(message("job.fired", false)));
    assertFalse(command.matcher().test(message("job.fired.not", true)));
    assertFalse(command.matcher().test(message("webhook.fired", true)));
  }

  @Test
  void refusesAStartThatIsNeitherEarliestNorLatest() {
    CommandLine line = new CommandLine(new WatchCommand());
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err, true));
    assertEquals(2, line.execute("--from", "beginning", "--match-type", "*", "--url", "http://localhost:9999/hook"));
    assertTrue(err.toString().contains("'beginning' is neither earliest nor latest"), err.toString());
  }

  @Test
  void saysWhatItWatchesAndWhereItReadsFrom() throws Exception {
    try (EprTestServer server = new EprTestServer()) {
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String eid = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();
      awaitInTopic(server, eid);
      StringWriter err = new StringWriter();
      WatchCommand command = command(server, "http://127.0.0.1:9/hook", err);
      String group = command.group;
      try (Watcher watcher = command.watcher().start()) {
        await("where it reads from", () -> err.toString().contains("reading "));
      }
      List<String> lines = err.toString().lines().toList();
      assertEquals("epr watch: watching " + server.topic + " on " + server.brokers + " as consumer group " + group
          + ": the group resumes from its committed offsets; without them it starts at --from latest (the end of the "
          + "topic: only messages produced from now on)", lines.get(0));
      assertTrue(lines.get(1).matches("epr watch: reading " + Pattern.quote(server.topic) + "-0 from offset [1-9]\\d*: "
          + "group " + group + " has no committed offset there, --from latest .*"), lines.toString());
    }
  }

  @Test
  void fromLatestFiresNothingProducedBeforeItStartedWhileEarliestFiresIt() throws Exception {
    HttpServer target = webhookTarget();
    try (EprTestServer server = new EprTestServer()) {
      String rid = server.http.post("/api/v1/receivers", RECEIVER).id();
      String old = server.http.post("/api/v1/events", EVENT.formatted("7.0.1", rid)).id();
      awaitInTopic(server, old);
      StringWriter err = new StringWriter();
      try (Watcher latest = command(server, target(target), err, "--from", "latest").watcher().start()) {
        await("the partition assigned", () -> err.toString().contains("reading "));
        String fresh = server.http.post("/api/v1/events", EVENT.formatted("7.0.2", rid)).id();
        await("the webhook POST", () -> !bodies.isEmpty());
        settle();
        assertEquals(List.of(fresh), firedIds(), "--from latest: only what came after the start");
        bodies.clear();
        try (Watcher earliest = command(server, target(target), new StringWriter(), "--from", "earliest").watcher()
            .start()) {
          await("both webhook POSTs", () -> bodies.size() >= 2);
          settle();
          assertEquals(List.of(old, fresh), firedIds(), "--from earliest: the whole topic");
        }
      }
    } finally {
      target.stop(0);
    }
  }

  @Test
  void reportsBrokersItCannotReachAndKeepsTrying() throws Exception {
    String nobody = "127.0.0.1:" + TestBroker.freePort();
    WatchCommand command = new WatchCommand();
    StringWriter err = new StringWriter();
    new CommandLine(command).setErr(new PrintWriter(err, true)).parseArgs("--brokers", nobody, "--match-type", "*",
        "--url", "http://127.0.0.1:9/hook", "--epr-url", "http://127.0.0.1:9");
    try (Watcher watcher = command.watcher().start()) {
      await("two reports", () -> err.toString().lines().filter(l -> l.contains("cannot reach")).count() >= 2);
    }
    List<String> reports = err.toString().lines().filter(l -> l.contains("cannot reach")).toList();
    String says = "epr watch: cannot reach the Kafka brokers " + nobody + " (no answer within 3 s): is Kafka running "
        + "there, and are --brokers / EPR_BROKERS right? trying again in ";
    assertEquals(List.of(says + "1 s", says + "2 s"), reports.subList(0, 2), "repeated, with a growing pause");
  }

  private List<String> firedIds() {
    return bodies.stream().map(b -> Http.parse(b).get("id").asText()).toList();
  }

  private static void awaitInTopic(EprTestServer server, String id) {
    try (TopicReader topic = server.reader()) {
      topic.await(m -> m.path("id").asText().equals(id), 1, WAIT);
    }
  }

  private static Message message(String type, boolean success) {
    return new Message(success, "id", "1.0", type, "epr", "v1", "n", "v", "r", "p", "pkg", null);
  }

  private static WatchCommand command(EprTestServer server, HttpServer target) {
    return command(server, target(target), new StringWriter(), "--from", "earliest");
  }

  /** Watching the server's topic in a new group, saying what it does on {@code err}. */
  private static WatchCommand command(EprTestServer server, String url, StringWriter err, String... more) {
    WatchCommand command = new WatchCommand();
    List<String> args = new ArrayList<>(List.of("--brokers", server.brokers, "--topic", server.topic,
        "--group", "watch-test-" + UUID.randomUUID(), "--match-type", "foo.bar", "--url", url,
        "--epr-url", "http://127.0.0.1:" + server.port));
    args.addAll(List.of(more));
    new CommandLine(command).setErr(new PrintWriter(err, true)).parseArgs(args.toArray(String[]::new));
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
