package io.epr.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.api.rest.StoreSnapshot;
import io.epr.model.Cancellation;
import io.epr.support.BlockedEventLoops;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.HostileXml;
import io.epr.support.Http;
import io.epr.support.SbomGenerator;
import io.epr.support.TestBroker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * XML SBOMs built to cost, over real sockets: refused with a 400 that names the limit and where, within seconds,
 * storing nothing; while uploads run, event ingest keeps answering; uploads beyond EPR_MAX_UPLOADS are answered 503
 * with Retry-After; an upload answered by its timeout stops its work. Times are printed; the bounds asserted are
 * generous (the machine is shared).
 */
class HostileXmlTest {
  private static final String REFUSED = "invalid input: refused XML document:\nline 2, column ";

  @Test
  void deeplyNestedXmlIsRefusedWithinSeconds() {
    try (EprTestServer server = new EprTestServer()) {
      warmUp(server.http);
      StoreSnapshot before = StoreSnapshot.take(server);
      for (int depth : new int[] {100_000, 1_000_000}) {
        assertRefused(server.http, depth + " nested elements", HostileXml.SBOM.nested(depth),
            "elements are nested more than 500 deep; that is the limit for an SBOM in XML");
      }
      before.assertUnchanged();
      BlockedEventLoops.assertNone(server.http);
    }
  }

  @Test
  void wideXmlIsRefusedWithinSeconds() {
    Map<String, byte[]> documents = new LinkedHashMap<>();
    documents.put("101 attributes on one element", HostileXml.SBOM.attributes(101));
    documents.put("3,000,001 elements", HostileXml.SBOM.elements(3_000_001));
    documents.put("3,000,004 attributes in all", HostileXml.SBOM.attributesInAll(750_001));
    documents.put("a text of 20,000,001 characters", HostileXml.SBOM.text(20_000_001));
    List<String> limits = List.of(
        "the element \"c\" has 101 attributes (namespace declarations included), more than 100",
        "the document has more than 3000000 elements",
        "the document has more than 3000000 attributes (namespace declarations included)",
        "the text of one element is longer than 20000000 characters");
    try (EprTestServer server = new EprTestServer()) {
      warmUp(server.http);
      StoreSnapshot before = StoreSnapshot.take(server);
      int i = 0;
      for (Map.Entry<String, byte[]> document : documents.entrySet()) {
        assertRefused(server.http, document.getKey(), document.getValue(),
            limits.get(i++) + "; that is the limit for an SBOM in XML");
      }
      before.assertUnchanged();
      BlockedEventLoops.assertNone(server.http);
    }
  }

  /**
   * Twenty uploads at once (ten nested 100,000 deep, ten valid 2,000-component documents) while a client posts
   * events: every event is answered 200. The uploads are refused (400), stored (200) or told the readers are busy
   * (503 with Retry-After); none waits for event ingest's threads, nor event ingest for theirs.
   */
  @Test
  void eventIngestKeepsAnsweringWhileTwentyUploadsRun() throws Exception {
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_REQUEST_TIMEOUT", "10"))) {
      Http http = server.http;
      String receiver = http.post("/api/v1/receivers", Bodies.receiver("r", "t", "{\"type\":\"object\"}")).id();
      warmUp(http);
      ExecutorService clients = Executors.newFixedThreadPool(21);
      try {
        AtomicBoolean uploading = new AtomicBoolean(true);
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> postEventsWhile(http, receiver,
            uploading), clients);
        byte[] nested = HostileXml.SBOM.nested(100_000);
        List<CompletableFuture<Http.Response>> uploads = IntStream.range(0, 20)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.send("POST", sboms("app-" + i), Map.of(),
                i % 2 == 0 ? nested : SbomGenerator.xml16(2000 + i), false), clients))
            .toList();
        CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
        uploading.set(false);
        List<String> answers = events.join();

        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        uploads.forEach(u -> statuses.merge(u.join().status(), 1, Integer::sum));
        System.out.println("20 uploads answered " + statuses + "; meanwhile " + answers.size() + " events posted");
        for (int i = 0; i < 20; i++) {
          Http.Response r = uploads.get(i).join();
          if (i % 2 == 0) {
            assertTrue(r.status() == 400 || busy(r), i + ": " + r.status() + " " + r.body());
          } else {
            assertTrue(r.status() == 200 || busy(r), i + ": " + r.status() + " " + r.body());
          }
        }
        assertTrue(answers.size() >= 5, "events posted: " + answers.size());
        assertEquals(List.of(), answers.stream().filter(a -> !a.startsWith("200")).toList(), "events not stored");
        BlockedEventLoops.assertNone(http);
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Test
  void uploadsBeyondEprMaxUploadsAreAnswered503WithRetryAfter() throws Exception {
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_MAX_UPLOADS", "1"))) {
      Http http = server.http;
      warmUp(http);
      long stored = StoreSnapshot.count(server, "events");
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<Http.Response>> uploads = IntStream.range(0, 8)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> http.send("POST", sboms("busy-" + i), Map.of(),
                SbomGenerator.xml16(3000 + i), false), clients))
            .toList();
        List<Http.Response> answers = uploads.stream().map(CompletableFuture::join).toList();

        List<Http.Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
        System.out.println("8 uploads at once, EPR_MAX_UPLOADS=1: " + (answers.size() - refused.size())
            + " stored, " + refused.size() + " answered 503");
        assertTrue(refused.size() >= 1, "none refused: " + answers.stream().map(Http.Response::status).toList());
        for (Http.Response r : refused) {
          assertTrue(busy(r), r.body());
          assertEquals("service busy: 1 uploads (SBOMs, test reports) are being read and 1 more wait, as many as EPR_MAX_UPLOADS=1 allows; "
              + "send it again in 5 s (Retry-After)", r.error());
        }
        assertEquals(List.of(), answers.stream().filter(r -> r.status() != 200 && r.status() != 503).toList());
        assertEquals(stored + answers.size() - refused.size(), StoreSnapshot.count(server, "events"),
            "an upload refused as busy was stored");
      } finally {
        clients.shutdownNow();
      }
    }
  }

  /**
   * An upload answered 503 by EPR_UPLOAD_TIMEOUT (2 s) while its 35 MB document is being validated stops its work:
   * within seconds no thread is reading it, and the only reader (EPR_MAX_UPLOADS=1) takes the next upload at once.
   */
  @Test
  void anUploadThatTimedOutStopsItsWork() throws Exception {
    Map<String, String> env = Map.of("EPR_UPLOAD_TIMEOUT", "2", "EPR_MAX_UPLOADS", "1");
    SbomDocument.read(SbomGenerator.xml16(3), Cancellation.none()); // the XSD compiled (seconds) outside the 2 s
    try (EprTestServer server = new EprTestServer(TestBroker.sharedBootstrap(), env)) {
      Http http = server.http;
      warmUp(http);
      byte[] large = SbomGenerator.xml16(50_000);

      Http.Response timedOut = http.send("POST", sboms("large"), Map.of(), large, false);
      long answered = System.nanoTime();
      assertEquals(503, timedOut.status(), timedOut.body());
      assertTrue(timedOut.error().startsWith("service unavailable: no answer within 2 s (EPR_UPLOAD_TIMEOUT)"),
          timedOut.error());
      double stoppedAfter = secondsUntilNoThreadReadsAnSbom(10);
      System.out.printf("the timed-out upload's reader stopped %.2f s after its 503%n", stoppedAfter);
      assertTrue(stoppedAfter < 3, "a thread still read the timed-out SBOM " + stoppedAfter + " s after its 503");
      Http.Response next = http.send("POST", sboms("next"), Map.of(), SbomGenerator.xml16(5), false);
      System.out.printf("the next upload was answered %d %.2f s after the 503%n", next.status(),
          (System.nanoTime() - answered) / 1e9);
      assertEquals(200, next.status(), next.body());
    }
  }

  private static void assertRefused(Http http, String what, byte[] document, String limit) {
    long start = System.nanoTime();
    Http.Response r = http.send("POST", sboms("hostile"), Map.of(), document, false);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s (%,d bytes): %d in %.2f s%n", what, document.length, r.status(), seconds);
    assertEquals(400, r.status(), r.body());
    assertTrue(r.error().startsWith(REFUSED) && r.error().endsWith(limit), r.error());
    assertTrue(seconds < 5, what + " took " + seconds + " s");
  }

  /** A small valid XML upload: the XSD of 1.6 compiled, the code paths warm. */
  private static void warmUp(Http http) {
    assertEquals(200, http.send("POST", sboms("warm-up"), Map.of(), SbomGenerator.xml16(3), false).status());
  }

  private static boolean busy(Http.Response r) {
    return r.status() == 503 && r.headers().firstValue("Retry-After").orElse("").equals("5")
        && r.error().startsWith("service busy: ");
  }

  private static List<String> postEventsWhile(Http http, String receiver, AtomicBoolean going) {
    List<String> answers = new ArrayList<>();
    for (int n = 0; going.get(); n++) {
      long start = System.nanoTime();
      ObjectNode event = Bodies.event(receiver, "e" + n, "r");
      event.putObject("payload").put("n", n);
      Http.Response r = http.post("/api/v1/events", event);
      answers.add(r.status() + String.format(" in %.2f s", (System.nanoTime() - start) / 1e9)
          + (r.status() == 200 ? "" : ": " + r.body()));
    }
    return answers;
  }

  /** Seconds until no thread of this JVM (the server runs in it) has a frame of this package's readers. */
  private static double secondsUntilNoThreadReadsAnSbom(int atMost) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < atMost * 1_000_000_000L) {
      boolean reading = Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
          .anyMatch(frame -> frame.getClassName().startsWith("io.epr.sbom.")
              && !frame.getClassName().startsWith(HostileXmlTest.class.getName())));
      if (!reading) {
        return (System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(20);
    }
    return atMost;
  }

  private static String sboms(String name) {
    return "/api/v1/sboms?name=" + name + "&version=1&release=r&platform_id=linux&package=maven";
  }
}
