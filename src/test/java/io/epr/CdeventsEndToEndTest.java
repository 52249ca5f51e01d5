package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.CdvizLake;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.SharedData;
import io.epr.support.StandInCollector;
import io.epr.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Build events in, CDEvents out: on the CDEvents topic as CloudEvents and at a stand-in CDViz collector that
 * validates them against the official v0.5.1 schemas, with the collector failing, refusing, and recovering.
 */
class CdeventsEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static StandInCollector collector;
  static EprTestServer server;
  static Http http;
  static TopicReader cdevents;
  static final Map<String, String> receivers = new HashMap<>();

  @BeforeAll
  static void start() {
    collector = new StandInCollector().start();
    server = EprTestServer.forwardingCdeventsTo(collector);
    http = server.http;
    cdevents = new TopicReader(server.brokers, server.config().cdeventsTopic());
    for (String type : List.of("ci.pipelinerun.queued", "ci.pipelinerun.started", "ci.pipelinerun.finished",
        "ci.artifact.packaged")) {
      receivers.put(type, http.post("/api/v1/receivers", Bodies.receiver(type, type)).id());
    }
  }

  @AfterAll
  static void stop() {
    cdevents.close();
    server.close();
    collector.close();
  }

  @BeforeEach
  void healthyCollector() {
    collector.reset();
  }

  /** The Done-when of the issue: three posted events show as one pipeline run with a duration and an outcome. */
  @Test
  void aRunOfThreeEventsIsOnePipelineRunWithADurationAndAnOutcome() throws Exception {
    String release = "run-" + System.nanoTime();
    String artifact = post("ci.artifact.packaged", release, true, "{}");
    String queued = post("ci.pipelinerun.queued", release, true, "{\"pipeline_name\":\"app-build\"}");
    String started = post("ci.pipelinerun.started", release, true, "{\"pipeline_name\":\"app-build\","
        + "\"url\":\"https://ci.example.com/app/42\"}");
    String finished = post("ci.pipelinerun.finished", release, false, "{\"pipeline_name\":\"app-build\"}");

    List<JsonNode> stored = awaitStored(e -> e.at("/context/chainId").asText().length() > 0
        && e.toString().contains(release), 4);
    JsonNode purlEvent = stored.stream().filter(e -> e.at("/context/type").asText().contains("artifact.packaged"))
        .findFirst().orElseThrow();
    String purl = purlEvent.at("/subject/id").asText();
    assertTrue(purl.startsWith("pkg:") && (purl.contains("@") || purl.contains("?")), purl);

    List<JsonNode> runs = stored.stream().filter(e -> e.at("/context/type").asText().contains("pipelinerun")).toList();
    assertEquals(3, runs.size());
    assertEquals(1, runs.stream().map(e -> e.at("/subject/id").asText()).distinct().count(), "one subject per run");
    String runId = runs.get(0).at("/subject/id").asText();
    CdvizLake.PipelineRun run = collector.pipelineRuns().get(runId);
    assertNotNull(run, "the collector's pipelinerun view has the run");
    assertEquals("app-build", run.pipelineName());
    assertEquals("failure", run.outcome(), "the finished event's success=false");
    assertNotNull(run.queuedAt());
    assertNotNull(run.duration(), "started and finished both arrived");
    JsonNode finishedEvent = runs.stream().filter(e -> e.at("/context/type").asText().endsWith("finished.0.3.0"))
        .findFirst().orElseThrow();
    assertEquals(purl, finishedEvent.at("/customData/links/0/subject/id").asText(), "the run links its artifact");
    assertEquals("produced", finishedEvent.at("/customData/links/0/linkkind").asText());
    assertEquals("https://ci.example.com/app/42", runs.stream()
        .filter(e -> e.at("/context/type").asText().endsWith("started.0.3.0")).findFirst().orElseThrow()
        .at("/subject/content/uri").asText());
    assertEquals("https://epr.example.com/api/v1/events/" + queued, runs.stream()
        .filter(e -> e.at("/context/type").asText().endsWith("queued.0.3.0")).findFirst().orElseThrow()
        .at("/subject/content/uri").asText(), "no url in the payload: the event's own URL");

    // the same CDEvents on Kafka, as CloudEvents in binary mode keyed by the NVRPP
    String key = "svc/1.0.0/" + release + "/linux/oci";
    List<ConsumerRecord<String, String>> records = cdevents.await(e -> e.toString().contains(release), 4, WAIT);
    for (ConsumerRecord<String, String> r : records) {
      JsonNode cdevent = TopicReader.json(r);
      assertEquals(key, r.key());
      assertEquals("1.0", header(r, "ce_specversion"));
      assertEquals(cdevent.at("/context/id").asText(), header(r, "ce_id"));
      assertEquals("https://epr.example.com", header(r, "ce_source"));
      assertEquals(cdevent.at("/context/type").asText(), header(r, "ce_type"));
      assertEquals(cdevent.at("/context/timestamp").asText(), header(r, "ce_time"));
      assertEquals(cdevent.at("/subject/id").asText(), header(r, "ce_subject"));
      assertEquals("application/json", header(r, "content-type"));
      assertTrue(collector.requests().stream().anyMatch(q -> q.bodyText().equals(r.value())),
          "Kafka and CDViz carry the same CDEvent");
    }
    for (String eventId : List.of(artifact, queued, started, finished)) {
      awaitDelivered(eventId);
    }
    // delivered records leave the log (pruned every ten seconds); what provenance says of them stays
    awaitPruned(finished);
    awaitDelivered(finished);
  }

  @Test
  void aCollectorFailingForAWhileLosesNothingAndStoresNoDuplicate() {
    collector.failNext(6, 500);
    String release = "flaky-" + System.nanoTime();
    for (int i = 0; i < 3; i++) {
      post("ci.pipelinerun.queued", release + "-" + i, true, "{\"pipeline_name\":\"" + release + "\"}");
    }
    List<JsonNode> stored = awaitStored(e -> e.toString().contains(release), 3);
    assertEquals(3, stored.stream().map(e -> e.at("/context/id").asText()).distinct().count());
    Set<String> attemptsIds = collector.requests().stream().filter(r -> r.bodyText().contains(release))
        .map(r -> r.header("ce-id")).collect(Collectors.toSet());
    assertEquals(3, attemptsIds.size(), "retries re-send the same ids");
    assertTrue(collector.requests().stream().filter(r -> r.bodyText().contains(release)).count() > 3, "it did retry");
  }

  @Test
  void aRefusedCdeventIsADeadLetterAndARetryDeliversItOnceFixed() throws Exception {
    collector.respondWith(400);
    String release = "refused-" + System.nanoTime();
    String eventId = post("ci.pipelinerun.queued", release, true, "{\"pipeline_name\":\"" + release + "\"}");
    JsonNode letter = awaitDeadLetter(release);
    assertEquals("cdviz", letter.get("target").asText());
    assertTrue(letter.get("reason").asText().startsWith("HTTP 400"), letter.toString());
    assertEquals(1, letter.get("attempts").asInt());

    JsonNode viaGraphQL = http.graphql("{dead_letters{id,target,reason,attempts,last_error}}", null);
    assertTrue(viaGraphQL.at("/data/dead_letters").toString().contains(letter.get("id").asText()), viaGraphQL.toString());

    collector.reset();
    Http.Response retried = http.post("/api/v1/dead-letters/" + letter.get("id").asText() + "/retry", "");
    assertEquals("{\"data\":1}\n", retried.body());
    awaitStored(e -> e.toString().contains(release), 1);
    awaitDelivered(eventId);
    assertFalse(http.get("/api/v1/dead-letters").body().contains(letter.get("id").asText()));
    assertEquals(404, http.post("/api/v1/dead-letters/" + letter.get("id").asText() + "/retry", "").status());
    assertEquals(400, http.post("/api/v1/dead-letters/not-a-number/retry", "").status());
  }

  @Test
  void aCdeventPayloadIsForwardedByteForByte() throws Exception {
    String schema = Files.readString(SharedData.path("cdevents-spec-v0.4.1/schemas/artifactpackaged.json"));
    String rid = http.post("/api/v1/receivers", Bodies.receiver("artifact-packaged",
        "dev.cdevents.artifact.packaged.0.2.0", schema)).id();
    JsonNode example = Http.parse(Files.readString(SharedData.path("cdevents-spec-v0.4.1/conformance/artifact_packaged.json")));
    String release = "pass-" + System.nanoTime();
    String eventId = http.post("/api/v1/events", event(rid, release).set("payload", example)).id();
    ConsumerRecord<String, String> record = cdevents.await(e -> e.equals(example), 1, WAIT).get(0);
    assertEquals(example.toString(), record.value(), "the posted payload, byte for byte (compact JSON)");
    assertEquals(example, http.get("/api/v1/events/" + eventId).json().at("/data/0/payload"));
    assertEquals(example.at("/context/id").asText(), header(record, "ce_id"));
    StandInCollector.Request request = awaitRequest(r -> r.bodyText().equals(record.value()));
    assertEquals(201, request.status(), "the collector accepts the 0.4 CDEvent as it is");
  }

  private static String post(String receiverType, String release, boolean success, String payload) {
    return http.post("/api/v1/events", event(receivers.get(receiverType), release).put("success", success)
        .set("payload", Http.parse(payload))).id();
  }

  /** An event of svc 1.0.0, the NVRPP the Kafka keys here are checked against. */
  private static ObjectNode event(String receiverId, String release) {
    return Bodies.event(receiverId, "svc", release).put("version", "1.0.0");
  }

  private static List<JsonNode> awaitStored(Predicate<JsonNode> match, int count) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      found = collector.stored().stream().filter(match).toList();
      if (found.size() >= count) {
        return found;
      }
      sleep();
    }
    throw new AssertionError("the collector stored " + found.size() + " of " + count + " CDEvents; requests: "
        + collector.requests().size());
  }

  private static StandInCollector.Request awaitRequest(Predicate<StandInCollector.Request> match) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var found = collector.requests().stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      sleep();
    }
    throw new AssertionError("no such request at the collector");
  }

  private static JsonNode awaitDeadLetter(String release) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode letter : http.get("/api/v1/dead-letters").json().get("data")) {
        if (deadLetterPayload(letter.get("id").asText()).contains(release)) {
          return letter;
        }
      }
      sleep();
    }
    throw new AssertionError("no dead letter for " + release);
  }

  private static String deadLetterPayload(String id) throws Exception {
    try (Connection c = server.db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT payload FROM epr_dead_letters WHERE id = " + Long.parseLong(id))) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  /** The log record of the event's CDEvent deleted by the server's pruner. */
  private static void awaitPruned(String eventId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = server.db.connect(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM epr_cdevents d JOIN epr_log l "
               + "ON l.txid = d.log_txid AND l.position = d.log_position WHERE d.event_id = '" + eventId + "'")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return;
        }
      }
      sleep();
    }
    throw new AssertionError("the log record of " + eventId + "'s CDEvent was not pruned");
  }

  /** Both outputs of the event's CDEvent report delivered, as provenance queries show it. */
  private static void awaitDelivered(String eventId) throws Exception {
    String release;
    String cdeventId;
    try (Connection c = server.db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT e.release, d.id FROM events e JOIN epr_cdevents d ON d.event_id = e.id "
             + "WHERE e.id = '" + eventId + "'")) {
      assertTrue(rs.next(), "the event has a CDEvent");
      release = rs.getString(1);
      cdeventId = rs.getString(2);
      assertFalse(rs.next(), "one CDEvent");
    }
    String query = "{provenance(name:\"svc\", version:\"1.0.0\", release:\"" + release + "\", platform_id:\"linux\", "
        + "package:\"oci\") {cdevents {id kafka_delivered cdviz_delivered}}}";
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode cdevent : http.graphql(query, null).at("/data/provenance/cdevents")) {
        if (cdevent.get("id").asText().equals(cdeventId) && cdevent.get("kafka_delivered").asBoolean()
            && cdevent.get("cdviz_delivered").asBoolean()) {
          return;
        }
      }
      sleep();
    }
    throw new AssertionError("the CDEvent of " + eventId + " was not reported delivered to Kafka and CDViz");
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
