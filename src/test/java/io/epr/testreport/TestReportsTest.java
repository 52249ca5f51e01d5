package io.epr.testreport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.api.rest.StoreSnapshot;
import io.epr.support.BlockedEventLoops;
import io.epr.support.HostileXml;
import io.epr.support.Http.Response;
import io.epr.support.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JUnit XML reports as build tools write them, posted over HTTP: indexed with the right outcomes, counts and
 * durations, given back byte for byte, listed in provenance, found by test across builds; posted twice, stored once;
 * bad and hostile documents refused with a message naming the problem, storing nothing.
 */
class TestReportsTest extends ServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** A fixture, and what it holds: suites, tests, failures, errors, skipped, duration, and its cases in order. */
  static Stream<Arguments> dialects() {
    return Stream.of(
        Arguments.of("surefire.xml", 1, 5, 1, 1, 1, 1234.5, List.of(
            "com.example.CalculatorTest|adds|success|0.012|null",
            "com.example.CalculatorTest|subtracts|success|1001.25|null",
            "com.example.CalculatorTest|divides|failure|0.003|expected: <2> but was: <3>",
            "com.example.CalculatorTest|multiplies|error|0.001|java.lang.NullPointerException",
            "com.example.CalculatorTest|roots|skipped|0.0|not yet: complex numbers")),
        Arguments.of("gradle.xml", 1, 3, 1, 0, 0, 0.421, List.of(
            "org.example.ParserTest|parsesEmptyInput()|success|0.102|null",
            "org.example.ParserTest|parsesNumbers()|success|0.2|null",
            "org.example.ParserTest|rejectsGarbage()|failure|0.119|org.opentest4j.AssertionFailedError: expected "
                + "exception")),
        Arguments.of("pytest.xml", 1, 4, 1, 1, 1, 0.087, List.of(
            "tests.test_math|test_add[1-2-3]|success|0.001|null",
            "tests.test_math|test_div|failure|0.002|ZeroDivisionError: division by zero",
            "tests.test_math|test_fixture|error|0.0|failed on setup with \"fixture 'db' not found\"",
            "tests.test_math|test_windows_only|skipped|0.0|windows only")),
        Arguments.of("jest-junit.xml", 2, 4, 1, 0, 1, 2.0, List.of(
            "Calculator adds two numbers|Calculator adds two numbers|success|0.003|null",
            "Calculator divides by zero|Calculator divides by zero|failure|0.011|Error: expect(received).toThrow()"
                + "\n\nReceived function did not throw\n    at Object.toThrow (/app/src/calculator.test.js:14:33)",
            "Calculator rounds|Calculator rounds|skipped|0.0|null",
            "Formatter pads|Formatter pads|success|0.002|null")),
        Arguments.of("go-junit-report.xml", 1, 3, 1, 0, 1, 0.01, List.of(
            "github.com/example/shop/cart|TestAdd|success|0.0|null",
            "github.com/example/shop/cart|TestTotal/with_discount|failure|0.004|Failed",
            "github.com/example/shop/cart|TestCheckout|skipped|0.0|Skipped")),
        Arguments.of("nested.xml", 2, 3, 1, 0, 0, 3.0, List.of(
            "inner.A|one|success|0.5|null",
            "inner.A|two|failure|0.5|boom",
            "inner.B|three|success|2.0|null")));
  }

  @ParameterizedTest
  @MethodSource("dialects")
  void eachDialectIsIndexedWithItsOutcomesCountsAndDurations(String fixture, int suites, int tests, int failures,
      int errors, int skipped, double duration, List<String> cases) {
    String release = "dialect-" + System.nanoTime();
    String id = post(fixture(fixture), release, "").id();

    JsonNode report = provenance(release).at("/test_reports/0");
    assertEquals(id, report.get("id").asText());
    assertEquals(List.of(tests, failures, errors, skipped), List.of(report.get("tests").asInt(),
        report.get("failures").asInt(), report.get("errors").asInt(), report.get("skipped").asInt()));
    assertEquals(duration, report.get("duration_seconds").asDouble(), 1e-9);
    assertEquals("linux", report.get("environment_id").asText(), "where the tests ran: the platform by default");
    List<String> read = new ArrayList<>();
    report.get("cases").forEach(c -> read.add(c.get("classname").asText() + "|" + c.get("name").asText() + "|"
        + c.get("outcome").asText() + "|" + c.get("duration_seconds").asDouble() + "|"
        + (c.get("message").isNull() ? "null" : c.get("message").asText())));
    assertEquals(cases, read);

    JsonNode event = provenance(release).at("/events/0");
    assertEquals(id, event.get("id").asText(), "the report is an event of the NVRPP");
    assertEquals(failures + errors == 0, event.get("success").asBoolean());
    JsonNode payload = event.get("payload");
    assertEquals(server.config().publicUrl() + "/api/v1/test-reports/" + id, payload.get("uri").asText());
    assertEquals("junit", payload.get("format").asText());
    assertEquals(List.of(suites, tests, failures, errors, skipped), List.of(payload.get("suites").asInt(),
        payload.get("tests").asInt(), payload.get("failures").asInt(), payload.get("errors").asInt(),
        payload.get("skipped").asInt()));
    assertEquals(duration, payload.get("duration_seconds").asDouble(), 1e-9);
    assertEquals("build.test.junit.report", event.at("/event_receiver/type").asText());
  }

  @Test
  void theDocumentComesBackExactlyAsPosted() throws Exception {
    byte[] document = fixture("pytest.xml");
    String id = post(document, "bytes-" + System.nanoTime(), "&environment_id=py312-ubuntu").id();
    HttpResponse<byte[]> back = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/test-reports/" + id))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, back.statusCode());
    assertArrayEquals(document, back.body());
    assertEquals("application/xml", back.headers().firstValue("Content-Type").orElseThrow());

    Response missing = http.get("/api/v1/test-reports/01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertEquals(404, missing.status());
    assertEquals("object not found: test report with id 01ARZ3NDEKTSV4RRFFQ69G5FAV not found", missing.error());
  }

  @Test
  void theEnvironmentAndAnXmlContentTypeAreKept() throws Exception {
    String release = "env-" + System.nanoTime();
    Response r = http.send("POST", path(release) + "&environment_id=py312-ubuntu", Map.of("Content-Type",
        "text/xml; charset=utf-8"), fixture("gradle.xml"), false);
    HttpResponse<byte[]> back = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/test-reports/"
        + r.id())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("text/xml; charset=utf-8", back.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("py312-ubuntu", provenance(release).at("/test_reports/0/environment_id").asText());
    assertEquals("py312-ubuntu", provenance(release).at("/events/0/payload/environment_id").asText());
  }

  @Test
  void casesArePagedAndFilteredByOutcome() {
    String release = "pages-" + System.nanoTime();
    post(fixture("surefire.xml"), release, "").id();
    JsonNode report = http.graphql("{provenance(" + nvrpp(release) + ") {test_reports {"
        + "failed: cases(outcome: \"failure\") {name} page: cases(first: 2, after: \"2\") {name} "
        + "rest: cases(after: \"4\") {name}}}}", null).at("/data/provenance/test_reports/0");
    assertEquals(List.of("divides"), report.get("failed").findValuesAsText("name"));
    assertEquals(List.of("divides", "multiplies"), report.get("page").findValuesAsText("name"));
    assertEquals(List.of("roots"), report.get("rest").findValuesAsText("name"));

    JsonNode wrong = http.graphql("{provenance(" + nvrpp(release) + ") {test_reports {cases(outcome: \"FAILED\") "
        + "{name}}}}", null);
    assertEquals("invalid input: outcome must be one of success, failure, error, skipped, got 'FAILED'",
        wrong.at("/errors/0/message").asText());
  }

  @Test
  void testCasesFindsExactlyTheBuildsThatFailedATest() {
    String test = "test_checkout_" + System.nanoTime();
    Map<String, String> outcomes = new LinkedHashMap<>();
    outcomes.put("fail-1", "<failure message=\"timeout\"/>");
    outcomes.put("pass", "");
    outcomes.put("fail-2", "<failure message=\"500 from payments\"/>");
    outcomes.put("error", "<error message=\"no sandbox\"/>");
    Map<String, String> reports = new LinkedHashMap<>();
    for (Map.Entry<String, String> build : outcomes.entrySet()) {
      String xml = "<testsuites><testsuite name=\"shop\"><testcase classname=\"shop.Checkout\" name=\"" + test
          + "\" time=\"0.5\">" + build.getValue() + "</testcase><testcase classname=\"shop.Checkout\" name=\"other_"
          + test + "\"><failure/></testcase></testsuite></testsuites>";
      reports.put(build.getKey(), post(xml.getBytes(StandardCharsets.UTF_8), build.getKey() + "-" + test, "").id());
    }
    JsonNode failed = http.graphql("{test_cases(name: \"" + test + "\", outcome: \"failure\") {report_id, name, "
        + "version, release, platform_id, package, test_case {name, classname, suite, outcome, duration_seconds, "
        + "message}}}", null).at("/data/test_cases");
    assertEquals(List.of(reports.get("fail-1"), reports.get("fail-2")), failed.findValuesAsText("report_id"));
    assertEquals(List.of("fail-1-" + test, "fail-2-" + test), failed.findValuesAsText("release"));
    assertEquals("svc", failed.at("/0/name").asText());
    assertEquals("shop.Checkout", failed.at("/0/test_case/classname").asText());
    assertEquals("shop", failed.at("/0/test_case/suite").asText());
    assertEquals("timeout", failed.at("/0/test_case/message").asText());
    assertEquals(0.5, failed.at("/0/test_case/duration_seconds").asDouble());

    JsonNode everyRun = http.graphql("{test_cases(classname: \"shop.Checkout\", name: \"" + test + "\") "
        + "{report_id, test_case {outcome}}}", null).at("/data/test_cases");
    assertEquals(List.copyOf(reports.values()), everyRun.findValuesAsText("report_id"));
    assertEquals(List.of("failure", "success", "failure", "error"), everyRun.findValuesAsText("outcome"));

    JsonNode neither = http.graphql("{test_cases(outcome: \"failure\") {report_id}}", null);
    assertEquals("invalid input: test_cases needs a name or a classname", neither.at("/errors/0/message").asText());
  }

  @Test
  void theSameDocumentAgainAnswersTheSameReport() {
    String release = "again-" + System.nanoTime();
    byte[] document = fixture("go-junit-report.xml");
    String first = post(document, release, "").id();
    assertEquals(first, post(document, release, "").id());
    assertEquals(1, provenance(release).get("test_reports").size());
    assertEquals(1, provenance(release).get("events").size());

    Map<String, String> key = Map.of("Idempotency-Key", "junit-" + System.nanoTime());
    String other = "keyed-" + System.nanoTime();
    Response stored = http.send("POST", path(other), key, fixture("gradle.xml"), false);
    Response replayed = http.send("POST", path(other), key, fixture("gradle.xml"), false);
    assertEquals(stored.id(), replayed.id());
    assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(""));
    Response reused = http.send("POST", path(other), key, fixture("pytest.xml"), false);
    assertEquals(422, reused.status(), reused.body());
    assertEquals(1, provenance(other).get("test_reports").size());
  }

  /**
   * The same document posted by eight jobs at once (each retrying as a 503's Retry-After asks while the uploads are
   * busy): one report, and each of them is told its id.
   */
  @Test
  void racingPostsOfOneDocumentStoreItOnce() throws Exception {
    String release = "race-" + System.nanoTime();
    byte[] document = fixture("surefire.xml");
    java.util.concurrent.ExecutorService jobs = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Response>> posts = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        posts.add(jobs.submit(() -> {
          Response answer = post(document, release, "");
          for (int tries = 1; answer.status() == 503 && tries < 100; tries++) {
            assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.body());
            Thread.sleep(50);
            answer = post(document, release, "");
          }
          return answer;
        }));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<Response> post : posts) {
        Response answer = post.get();
        assertEquals(200, answer.status(), answer.body());
        ids.add(answer.id());
      }
      assertEquals(1, ids.size(), ids.toString());
      assertEquals(1, provenance(release).get("test_reports").size());
      assertEquals(1, provenance(release).get("events").size());
    } finally {
      jobs.shutdownNow();
    }
  }

  /**
   * A report as large as allowed (100,000 cases) is stored with its 100,001 CDEvents, without blocking an event loop:
   * its CDEvents are made on a worker.
   */
  @Test
  void theLargestReportIsStoredWithItsCdeventsWithoutBlockingAnEventLoop() {
    String release = "large-" + System.nanoTime();
    StringBuilder xml = new StringBuilder("<testsuite name=\"io.epr.LargeTest\" tests=\"100000\">");
    for (int i = 0; i < 100_000; i++) {
      xml.append("<testcase classname=\"io.epr.LargeTest\" name=\"case").append(i).append("\" time=\"0.001\"")
          .append(i % 20_000 == 7 ? "><failure message=\"boom\"/></testcase>" : "/>");
    }
    Response stored = post(xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8), release, "");

    assertEquals(200, stored.status(), stored.body());
    BlockedEventLoops.assertNone(http);
    JsonNode report = http.graphql("{provenance(" + nvrpp(release) + ") {test_reports {tests failures} cdevents {id}}}",
        null).at("/data/provenance");
    assertEquals(100_000, report.at("/test_reports/0/tests").asInt());
    assertEquals(5, report.at("/test_reports/0/failures").asInt());
    assertEquals(100_001, report.get("cdevents").size());
    BlockedEventLoops.assertNone(http);
  }

  /** Families of bad and hostile input: each a 400 whose message names the problem; nothing is stored. */
  @Test
  void badAndHostileReportsAreRefusedAndStoreNothing() {
    String testsuite = "<testsuite name=\"s\">";
    Map<String, byte[]> documents = new LinkedHashMap<>();
    Map<String, String> messages = new LinkedHashMap<>();
    refuse(documents, messages, "not XML", "{\"tests\": 3}",
        "not a JUnit XML report: malformed XML: line 1, column 1: Content is not allowed in prolog.");
    refuse(documents, messages, "cut off", testsuite + "<testcase name=\"a\">",
        "not a JUnit XML report: malformed XML: line 1, column 40: XML document structures must start and end "
            + "within the same entity.");
    refuse(documents, messages, "wrong root", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
        "not a JUnit XML report: the root element is \"bom\"; a JUnit XML report's root is testsuites or testsuite");
    refuse(documents, messages, "XXE", "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<testsuite><testcase name=\"&x;\"/></testsuite>", "not a usable JUnit XML report: line 1, column 77: a "
        + "DOCTYPE is not allowed: JUnit XML needs no DTD, and one may declare entities (XXE); nothing it declares "
        + "was fetched or expanded");
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    laughs.append("]><testsuite><testcase name=\"&lol9;\"/></testsuite>");
    refuse(documents, messages, "billion laughs", laughs.toString(), "a DOCTYPE is not allowed");
    documents.put("depth bomb", HostileXml.TEST_REPORT.nested(100_000));
    messages.put("depth bomb", "refused XML document: line 2, column 1527: elements are nested more than 500 deep; "
        + "that is the limit for a test report in XML");
    documents.put("wide element", HostileXml.TEST_REPORT.attributes(101));
    messages.put("wide element", "the element \"c\" has 101 attributes (namespace declarations included), more "
        + "than 100; that is the limit for a test report in XML");
    refuse(documents, messages, "huge attribute", testsuite + "<testcase name=\"a\"><failure message=\""
        + "x".repeat(20_000_001) + "\"/></testcase></testsuite>",
        "the attribute \"message\" is longer than 20000000 characters; that is the limit for a test report in XML");
    refuse(documents, messages, "too many cases", testsuite + "<testcase name=\"t\"/>".repeat(100_001) + "</testsuite>",
        "the report has more than 100000 test cases; that is the limit for a test report");
    refuse(documents, messages, "long name", testsuite + "<testcase name=\"" + "é".repeat(501) + "\"/></testsuite>",
        " is longer than 1000 bytes in UTF-8");
    refuse(documents, messages, "nameless case", testsuite + "<testcase classname=\"c\"/></testsuite>",
        "not a usable JUnit XML report: line 1, column 46: a testcase without a name");
    refuse(documents, messages, "bad time", testsuite + "<testcase name=\"a\" time=\"fast\"/></testsuite>",
        "testcase \"a\" has time \"fast\", not a number of seconds");
    refuse(documents, messages, "bad timestamp", "<testsuite name=\"s\" timestamp=\"yesterday\"/>",
        "testsuite \"s\" has timestamp \"yesterday\", not an ISO-8601 date and time (2024-05-01T12:00:00Z)");
    refuse(documents, messages, "empty body", "", "invalid input: the body is empty: send the JUnit XML report as "
        + "the request body");

    String valid = "<testsuite name=\"s\"><testcase name=\"a\"/></testsuite>";
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("no name", "/api/v1/test-reports?version=1&release=r&platform_id=p&package=k");
    paths.put("blank release", "/api/v1/test-reports?name=n&version=1&release=%20&platform_id=p&package=k");
    paths.put("blank environment", path("r") + "&environment_id=");
    List<String> pathMessages = List.of("invalid input: name cannot be blank",
        "invalid input: release cannot be blank", "invalid input: environment_id cannot be blank");

    StoreSnapshot before = StoreSnapshot.take(server);
    for (Map.Entry<String, byte[]> document : documents.entrySet()) {
      Response r = http.send("POST", path("bad"), Map.of(), document.getValue(), false);
      assertEquals(400, r.status(), document.getKey() + ": " + r.body());
      assertTrue(r.error().startsWith("invalid input: ") && r.error().contains(messages.get(document.getKey())),
          document.getKey() + ": " + r.error());
    }
    int i = 0;
    for (Map.Entry<String, String> bad : paths.entrySet()) {
      Response r = http.send("POST", bad.getValue(), Map.of(), valid.getBytes(StandardCharsets.UTF_8), false);
      assertEquals(400, r.status(), bad.getKey() + ": " + r.body());
      assertEquals(pathMessages.get(i++), r.error(), bad.getKey());
    }
    before.assertUnchanged();
    BlockedEventLoops.assertNone(http);
  }

  @Test
  void aReportWithoutCasesIsStoredAsRunningNoTests() {
    String release = "empty-" + System.nanoTime();
    post("<testsuites name=\"none\"/>".getBytes(StandardCharsets.UTF_8), release, "").id();
    JsonNode report = provenance(release).at("/test_reports/0");
    assertEquals(0, report.get("tests").asInt());
    assertTrue(provenance(release).at("/events/0/success").asBoolean(), "no test failed");
  }

  private static void refuse(Map<String, byte[]> documents, Map<String, String> messages, String name, String xml,
      String message) {
    documents.put(name, xml.getBytes(StandardCharsets.UTF_8));
    messages.put(name, message);
  }

  private static byte[] fixture(String name) {
    try (InputStream in = TestReportsTest.class.getResourceAsStream("/junit/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response post(byte[] document, String release, String more) {
    return http.send("POST", path(release) + more, Map.of(), document, false);
  }

  private static String path(String release) {
    return "/api/v1/test-reports?name=svc&version=1&release=" + release + "&platform_id=linux&package=oci";
  }

  private static String nvrpp(String release) {
    return "name:\"svc\", version:\"1\", release:\"" + release + "\", platform_id:\"linux\", package:\"oci\"";
  }

  private static JsonNode provenance(String release) {
    JsonNode r = http.graphql("{provenance(" + nvrpp(release) + ") {events {id, success, payload, "
        + "event_receiver {type}} test_reports {id, tests, failures, errors, skipped, duration_seconds, "
        + "environment_id, created_at, cases(first: 1000) {name, classname, suite, outcome, duration_seconds, "
        + "message}}}}", null);
    assertTrue(!r.has("errors"), r.toString());
    return r.at("/data/provenance");
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port;
  }
}
