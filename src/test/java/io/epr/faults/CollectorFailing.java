package io.epr.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.bench.LoadGenerator.Run;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import io.epr.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The CDViz collector failing under steady load. Answering 500 (down, overloaded): the CDEvents are retried with
 * backoff and arrive once it recovers, none lost. Answering 400 (refusing them): they become dead letters with the
 * collector's answer as the reason, and once it is fixed one call to the dead-letter API delivers them all.
 */
final class CollectorFailing {
  private CollectorFailing() {}

  static Figures serverErrors(double rate, double before, double outage, double after) throws Exception {
    Figures f = new Figures(String.format("CDViz collector answering 500 for %.0f s under %.0f events/s, then "
        + "recovering", outage, rate));
    try (TestDatabase db = new TestDatabase();
        FaultRig rig = new FaultRig("collector-500", db.url(), db::connect, TestBroker.sharedBootstrap(), Map.of())) {
      rig.start();
      long loadStarted = System.nanoTime();
      CompletableFuture<Run> load = rig.openLoop(rate, before + outage + after);
      BrokerStopped.sleepUntil(loadStarted, before);
      long failing = System.nanoTime();
      rig.collector.failWith(500);
      BrokerStopped.sleepUntil(failing, outage);
      rig.collector.failWith(0);
      long recovered = System.nanoTime();
      load.get();
      f.note("the collector answered 500 to %d deliveries (retries included)", rig.collector.refused());
      f.note("answers while it failed: %s", Ledger.latency(rig.runs(), failing, recovered));
      f.note("all answers: %s", Ledger.latency(rig.runs(), 0, Long.MAX_VALUE));
      rig.reconcile(f, Duration.ofSeconds(90));
      f.note("the last CDEvent reached the collector %.1f s after it recovered",
          FaultRig.secondsAfter(rig.collector.cdevents, recovered));
      f.failures.forEach((kind, n) -> f.problem("%d requests failed while the collector did: %s", n, kind));
    }
    return f;
  }

  static Figures refusals(double rate, double seconds) throws Exception {
    Figures f = new Figures(String.format("CDViz collector answering 400 under %.0f events/s for %.0f s; fixed, then "
        + "the dead letters retried through the API", rate, seconds));
    try (TestDatabase db = new TestDatabase();
        FaultRig rig = new FaultRig("collector-400", db.url(), db::connect, TestBroker.sharedBootstrap(), Map.of())) {
      rig.start();
      Http http = new Http(rig.baseUrl());
      rig.collector.failWith(400);
      Run run = rig.openLoop(rate, seconds).get();
      JsonNode letters = awaitDeadLetters(http, run.ok(), Duration.ofSeconds(60));
      int refused = 0;
      for (JsonNode letter : letters) {
        if (letter.get("target").asText().equals("cdviz") && letter.get("attempts").asInt() == 1
            && letter.get("reason").asText().startsWith("HTTP 400: {\"title\":\"400\"")) {
          refused++;
        } else {
          f.problem("unexpected dead letter %s", letter);
        }
      }
      f.note("%d dead letters, each target cdviz after 1 attempt with the reason %s", refused,
          letters.isEmpty() ? "-" : letters.get(0).get("reason"));
      rig.collector.failWith(0);
      Http.Response retried = http.post("/api/v1/dead-letters/retry", "");
      f.note("after the fix, POST /api/v1/dead-letters/retry answered %d %s", retried.status(),
          retried.body().strip());
      if (!retried.body().strip().equals("{\"data\":" + letters.size() + "}")) {
        f.problem("the retry answered %s for %d dead letters", retried.body().strip(), letters.size());
      }
      rig.reconcile(f, Duration.ofSeconds(60));
      if (refused != run.ok()) {
        f.problem("%d dead letters for %d acknowledged events", refused, run.ok());
      }
      f.failures.forEach((kind, n) -> f.problem("%d requests failed: %s", n, kind));
    }
    return f;
  }

  /** The dead letters once there are {@code count} (or after {@code wait}). */
  private static JsonNode awaitDeadLetters(Http http, long count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    JsonNode letters = http.get("/api/v1/dead-letters?limit=1000").json().get("data");
    while (letters.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      letters = http.get("/api/v1/dead-letters?limit=1000").json().get("data");
    }
    return letters;
  }
}
