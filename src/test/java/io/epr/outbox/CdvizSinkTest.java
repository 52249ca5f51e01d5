package io.epr.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.outbox.Sink.Outcome;
import io.epr.store.OutboxRecord;
import io.epr.support.CdvizLake.PipelineRun;
import io.epr.support.ContentId;
import io.epr.support.SharedData;
import io.epr.support.StandInCollector;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CDViz sink against the stand-in collector over real HTTP, and the stand-in's own fidelity. */
class CdvizSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "https://ci.example.com/epr/app/runs/42";
  private static Vertx vertx;

  private final StandInCollector collector = new StandInCollector().start();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeCollector() {
    collector.close();
  }

  @Test
  void conformanceEventsAreDeliveredWithTheirCloudEventsHeaders() throws Exception {
    List<ObjectNode> events = List.of(event("queued", RUN, "2026-01-10T10:00:00Z"),
        event("started", RUN, "2026-01-10T10:00:05Z"), event("finished", RUN, "2026-01-10T10:02:05Z"));

    try (CdvizSink sink = sink(null, null)) {
      assertEquals(List.of(Outcome.DELIVERED, Outcome.DELIVERED, Outcome.DELIVERED), deliver(sink, events));
    }

    List<JsonNode> stored = collector.stored();
    assertEquals(3, stored.size());
    for (ObjectNode sent : events) {
      String id = sent.at("/context/id").asText();
      ObjectNode expected = sent.deepCopy();
      ((ObjectNode) expected.get("context")).put("id", id.replace('-', '_'));
      assertTrue(stored.contains(expected), "stored as sent, id sanitized: " + expected);

      StandInCollector.Request request = collector.requests().stream()
          .filter(r -> id.equals(r.header("ce-id"))).findFirst().orElseThrow();
      assertEquals("POST", request.method());
      assertEquals("/webhook/000-cdevents", request.path());
      assertEquals(201, request.status());
      assertEquals(sent, JSON.readTree(request.body()), "one bare CDEvent per request");
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals("application/json", request.header("Accept"));
      assertEquals("1.0", request.header("ce-specversion"));
      assertEquals(sent.at("/context/type").asText(), request.header("ce-type"));
      assertEquals(sent.at("/context/source").asText(), request.header("ce-source"));
      assertEquals(sent.at("/context/timestamp").asText(), request.header("ce-time"));
      assertEquals(RUN, request.header("ce-subject"));
      assertNull(request.header("Authorization"));
      assertNull(request.header(CdvizSink.SIGNATURE_HEADER));
    }
  }

  @Test
  void bearerTokenAndSignaturePassTheCollectorsHeaderRules() {
    collector.requireBearer("t0ken").requireSignature("hmac-secret");

    try (CdvizSink sink = sink("t0ken", "hmac-secret")) {
      assertEquals(List.of(Outcome.DELIVERED), deliver(sink, List.of(event("queued", RUN, "2026-01-10T10:00:00Z"))));
    }

    StandInCollector.Request request = collector.requests().get(0);
    assertEquals("Bearer t0ken", request.header("Authorization"));
    assertTrue(request.header("X-Signature-256").matches("sha256=[0-9a-f]{64}"), request.header("X-Signature-256"));
    assertEquals(1, collector.stored().size());
  }

  @Test
  void refusedCredentialsAreDeadLetters() {
    collector.requireBearer("t0ken").requireSignature("hmac-secret");
    List<ObjectNode> event = List.of(event("queued", RUN, "2026-01-10T10:00:00Z"));

    try (CdvizSink noToken = sink(null, "hmac-secret");
        CdvizSink wrongToken = sink("guess", "hmac-secret");
        CdvizSink wrongSecret = sink("t0ken", "not-the-secret")) {
      assertDead("HTTP 401: Header validation failed: header 'authorization' is missing", deliver(noToken, event));
      assertDead("HTTP 403: Header validation failed:", deliver(wrongToken, event));
      assertDead("HTTP 401: Header validation failed: signature mismatch", deliver(wrongSecret, event));
    }
    assertEquals(List.of(), collector.stored());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 429, 408})
  void transientStatusesAreRetriedAndTheRetryIsStoredOnce(int status) {
    collector.failNext(1, status);
    List<ObjectNode> event = List.of(event("queued", RUN, "2026-01-10T10:00:00Z"));

    try (CdvizSink sink = sink(null, null)) {
      Outcome failed = deliver(sink, event).get(0);
      assertEquals(Outcome.Kind.RETRY, failed.kind());
      assertEquals("HTTP " + status + ": {\"title\":\"" + status + "\",\"status\":" + status + ",\"trace_id\":null}",
          failed.error());

      assertEquals(List.of(Outcome.DELIVERED), deliver(sink, event));
    }
    assertEquals(1, collector.stored().size());
  }

  @Test
  void invalidCdeventIsADeadLetterWithTheStatusAndBody() {
    ObjectNode invalid = event("finished", RUN, "2026-01-10T10:02:05Z");
    ((ObjectNode) invalid.at("/subject/content")).put("outcome", "succeeded");

    try (CdvizSink sink = sink(null, null)) {
      assertDead("HTTP 400: {\"title\":\"400\",\"status\":400,\"detail\":\"malformed json provided\","
          + "\"trace_id\":null}", deliver(sink, List.of(invalid)));
    }
    assertTrue(collector.requests().get(0).violations().toString().contains("outcome"),
        collector.requests().get(0).violations().toString());
    assertEquals(List.of(), collector.stored());
  }

  @Test
  void refusedConnectionIsRetriedUntilTheCollectorIsBack() {
    List<ObjectNode> event = List.of(event("queued", RUN, "2026-01-10T10:00:00Z"));
    try (CdvizSink sink = sink(null, null)) {
      collector.stop();
      Outcome refused = deliver(sink, event).get(0);
      assertEquals(Outcome.Kind.RETRY, refused.kind());
      assertTrue(refused.error().contains("Connection refused"), refused.error());

      collector.start();
      assertEquals(List.of(Outcome.DELIVERED), deliver(sink, event));
    }
  }

  @Test
  void slowCollectorTimesOutAndIsRetried() {
    collector.delayResponses(Duration.ofSeconds(3));

    try (CdvizSink sink = new CdvizSink(vertx, collector.url(), null, null, 30, Duration.ofMillis(300))) {
      long start = System.nanoTime();
      Outcome slow = deliver(sink, List.of(event("queued", RUN, "2026-01-10T10:00:00Z"))).get(0);
      assertEquals(Outcome.Kind.RETRY, slow.kind());
      assertTrue(slow.error().contains("timeout"), slow.error());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "gave up at the timeout");
    }
  }

  @Test
  void droppedConnectionIsRetried() {
    collector.dropNext(1);

    try (CdvizSink sink = sink(null, null)) {
      Outcome dropped = deliver(sink, List.of(event("queued", RUN, "2026-01-10T10:00:00Z"))).get(0);
      assertEquals(Outcome.Kind.RETRY, dropped.kind(), dropped.error());
    }
    assertEquals(0, collector.requests().get(0).status());
  }

  @Test
  void unsendableRecordIsADeadLetterAndTheRestOfTheBatchGoesOn() {
    OutboxRecord broken = new OutboxRecord("r1", CdvizSink.NAME, null, null, "not json",
        event("queued", RUN, "2026-01-10T10:00:00Z").toString());
    OutboxRecord fine = record(event("started", RUN, "2026-01-10T10:00:05Z"));

    try (CdvizSink sink = sink(null, null)) {
      List<Outcome> outcomes = deliverRecords(sink, List.of(broken, fine));
      assertEquals(Outcome.Kind.DEAD, outcomes.get(0).kind());
      assertTrue(outcomes.get(0).error().startsWith("record cannot be sent: "), outcomes.get(0).error());
      assertEquals(Outcome.DELIVERED, outcomes.get(1));
    }
  }

  /** 40 records against a collector that takes 300 ms per request: in parallel, but never more than 16 at once. */
  @Test
  void recordsAreSentConcurrentlyAtMostSixteenAtATime() {
    collector.delayResponses(Duration.ofMillis(300));
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(event("queued", RUN + "/" + i, "2026-01-10T10:00:00Z"));
    }

    try (CdvizSink sink = sink(null, null)) {
      long start = System.nanoTime();
      List<Outcome> outcomes = deliver(sink, events);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertEquals(40, outcomes.stream().filter(Outcome.DELIVERED::equals).count());
      assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "three rounds of at most 16: " + took);
      assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "not one by one: " + took);
    }
    assertEquals(40, collector.stored().size());
  }

  @Test
  void resentEventIsStoredOnce() {
    List<ObjectNode> event = List.of(event("started", RUN, "2026-01-10T10:00:05Z"));

    try (CdvizSink sink = sink(null, null)) {
      assertEquals(List.of(Outcome.DELIVERED), deliver(sink, event));
      assertEquals(List.of(Outcome.DELIVERED), deliver(sink, event));
    }
    assertEquals(List.of(201, 201), collector.requests().stream().map(StandInCollector.Request::status).toList());
    assertEquals(1, collector.stored().size());
  }

  @Test
  void threeEventsOfOneRunShowAsOnePipelineRunWithDurationAndOutcome() {
    List<ObjectNode> events = List.of(event("finished", RUN, "2026-01-10T10:02:05Z"),
        event("queued", RUN, "2026-01-10T10:00:00Z"), event("started", RUN, "2026-01-10T10:00:05Z"));

    try (CdvizSink sink = sink(null, null)) {
      deliver(sink, events);
    }

    Map<String, PipelineRun> runs = collector.pipelineRuns();
    assertEquals(List.of(RUN), List.copyOf(runs.keySet()));
    PipelineRun run = runs.get(RUN);
    assertEquals(Instant.parse("2026-01-10T10:00:00Z"), run.queuedAt());
    assertEquals(Duration.ofSeconds(5), run.queueTime());
    assertEquals(Duration.ofMinutes(2), run.duration());
    assertEquals("myPipeline", run.pipelineName());
    assertEquals("failure", run.outcome());
  }

  /** The official examples share one id and timestamp: the collector's lake keeps the first pipelinerun event only. */
  @Test
  void unmodifiedConformanceExamplesCollideOnTheLakeKey() throws Exception {
    for (String predicate : List.of("queued", "started", "finished")) {
      assertEquals(201, post(collector.url(), conformance("0.5.1", predicate).toString()).statusCode());
    }
    assertEquals(List.of(conformance("0.5.1", "queued").at("/context/type")),
        collector.stored().stream().map(e -> e.at("/context/type")).toList());
  }

  @Test
  void standInAnswersLikeTheCollector() throws Exception {
    String base = collector.baseUrl();
    String valid = event("queued", RUN, "2026-01-10T10:00:00Z").toString();

    assertEquals(200, get(base + "/healthz").statusCode());
    assertEquals(200, get(base + "/readyz").statusCode());
    assertEquals(404, post(base + "/webhook/other", valid).statusCode());
    assertEquals("", post(base + "/webhook/other", valid).body());
    assertEquals(405, get(collector.url()).statusCode());
    assertEquals(406, post(collector.url(), valid, "Accept", "text/html").statusCode());
    assertEquals(201, post(collector.url(), valid, "Accept", "text/html, application/*;q=0.5").statusCode());
    assertEquals(413, post(collector.url(), " ".repeat(StandInCollector.BODY_LIMIT) + "{}").statusCode());

    HttpResponse<String> unparsable = post(collector.url(), "{\"context\":");
    assertEquals(400, unparsable.statusCode());
    assertTrue(unparsable.body().startsWith("Failed to parse the request body as JSON: "), unparsable.body());
    assertEquals("text/plain; charset=utf-8", unparsable.headers().firstValue("Content-Type").orElseThrow());

    HttpResponse<String> notACdevent = post(collector.url(), "{\"name\":\"foo\"}");
    assertEquals(400, notACdevent.statusCode());
    assertEquals("malformed json provided", JSON.readTree(notACdevent.body()).get("detail").asText());

    assertEquals(201, post(collector.url(), conformance("0.4.1", "queued").toString()).statusCode(), "spec 0.4.1");
  }

  @Test
  void standInFillsInMissingContextFieldsAsTheCollectorDoes() throws Exception {
    ObjectNode bare = event("queued", RUN, "2026-01-10T10:00:00Z");
    ObjectNode context = (ObjectNode) bare.get("context");
    context.put("id", "0");
    context.remove("source");
    context.remove("timestamp");

    assertEquals(201, post(collector.url(), bare.toString()).statusCode());

    JsonNode stored = collector.stored().get(0).get("context");
    assertEquals("http://cdviz-collector.example.com/?source=cdevents_webhook", stored.get("source").asText());
    assertTrue(Instant.parse(stored.get("timestamp").asText()).isAfter(Instant.now().minusSeconds(60)));
    context.put("source", stored.get("source").asText()).put("timestamp", stored.get("timestamp").asText());
    assertEquals(ContentId.of(bare), stored.get("id").asText());
  }

  /** The vector of the collector's own unit test (src/sources/mod.rs, test_set_id_zero_to_cid). */
  @Test
  void contentIdMatchesTheCollectors() throws Exception {
    JsonNode event = JSON.readTree("""
        {"context":{"id":"0","source":"/event/source/123","type":"dev.cdevents.service.deployed.0.1.1",
          "timestamp":"2023-03-20T14:27:05.315384Z"},
         "subject":{"id":"mySubject123","source":"/event/source/123","type":"service",
          "content":{"environment":{"id":"test123"},
           "artifactId":"pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427"}}}""");

    assertEquals("bafkreicuuogf3pc3lkdewdnngcnxgfrnontlfvtiihmxvcxqqxphxson3m", ContentId.of(event));
  }

  private CdvizSink sink(String token, String secret) {
    return new CdvizSink(vertx, collector.url(), token, secret, 30);
  }

  private static List<Outcome> deliver(CdvizSink sink, List<ObjectNode> events) {
    return deliverRecords(sink, events.stream().map(CdvizSinkTest::record).toList());
  }

  private static List<Outcome> deliverRecords(CdvizSink sink, List<OutboxRecord> records) {
    try {
      return sink.deliver(records).await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("deliver did not complete", e);
    }
  }

  private static void assertDead(String errorStart, List<Outcome> outcomes) {
    assertEquals(1, outcomes.size());
    assertEquals(Outcome.Kind.DEAD, outcomes.get(0).kind(), outcomes.get(0).error());
    assertTrue(outcomes.get(0).error().startsWith(errorStart), outcomes.get(0).error());
  }

  /** An outbox record as the CDEvents writer makes it: the bare event, CloudEvents attributes as headers. */
  private static OutboxRecord record(JsonNode event) {
    JsonNode context = event.get("context");
    ObjectNode headers = JSON.createObjectNode()
        .put("ce_specversion", "1.0")
        .put("ce_id", context.get("id").asText())
        .put("ce_source", context.get("source").asText())
        .put("ce_type", context.get("type").asText())
        .put("ce_time", context.get("timestamp").asText())
        .put("ce_subject", event.at("/subject/id").asText())
        .put("content-type", "application/json");
    return new OutboxRecord(UUID.randomUUID().toString(), CdvizSink.NAME, null, null, headers.toString(),
        event.toString());
  }

  /** The official 0.5.1 conformance example of a pipelinerun predicate, as one event of run {@code subjectId}. */
  private static ObjectNode event(String predicate, String subjectId, String timestamp) {
    try {
      ObjectNode event = conformance("0.5.1", predicate);
      ((ObjectNode) event.get("context")).put("id", UUID.randomUUID().toString()).put("timestamp", timestamp);
      ((ObjectNode) event.get("subject")).put("id", subjectId);
      return event;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode conformance(String release, String predicate) throws IOException {
    return (ObjectNode) JSON.readTree(
        SharedData.path("cdevents-spec-v" + release + "/conformance/pipelinerun_" + predicate + ".json").toFile());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
