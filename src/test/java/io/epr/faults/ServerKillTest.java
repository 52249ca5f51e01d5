package io.epr.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.bench.Bench;
import io.epr.bench.IngestBench;
import io.epr.bench.ServerProcess;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service as its own process, killed with SIGKILL and started again (issue 7, item 3). */
class ServerKillTest {

  @Test
  void whatWasAcknowledgedSurvivesAKillAndTheRestWasStoredWholeOrNotAtAll() throws Exception {
    Figures f = ServerKilled.run(32, 5, 5);
    System.out.print(f.report());
    assertTrue(f.problems.isEmpty(), f.report());
    assertTrue(f.acknowledged > 0 && f.failed() > 0, "the kill hit requests in flight: " + f.summary());
  }

  /**
   * With the embedded database ({@code EPR_DB} unset) the killed server's PostgreSQL outlives it; the next start
   * stops that leftover instead of failing, and finds the acknowledged events.
   */
  @Test
  void withTheEmbeddedDatabaseTheNextStartStopsThePostgresqlTheKilledServerLeft() throws Exception {
    Path data = TestBroker.tempDir("faults-embedded");
    Map<String, String> env = Map.of("EPR_DB", "", "EPR_DATA_DIR", data.toString(), "EPR_BROKERS",
        TestBroker.sharedBootstrap());
    int port = TestBroker.freePort();
    Path log = FaultRig.LOGS.resolve("server-kill-embedded.log");
    java.nio.file.Files.createDirectories(FaultRig.LOGS);
    List<String> acknowledged = new ArrayList<>();
    try {
      ServerProcess killed = ServerProcess.fromClasspath(Bench.SERVER_FLAGS, env, port, log);
      try {
        String[] receivers = IngestBench.pipelineReceivers(killed.baseUrl());
        Http http = new Http(killed.baseUrl());
        for (int n = 0; n < 30; n++) {
          acknowledged.add(http.post("/api/v1/events", IngestBench.event(n, receivers[n % 3])).id());
        }
      } finally {
        killed.kill();
      }
      assertTrue(LeftoverPostgres.on(data).isPresent(), "the killed server's PostgreSQL outlives it");
      try (ServerProcess restarted = ServerProcess.fromClasspath(Bench.SERVER_FLAGS, env, port, log)) {
        Http http = new Http(restarted.baseUrl());
        for (String id : acknowledged) {
          assertEquals(200, http.get("/api/v1/events/" + id).status(), id);
        }
      }
      assertTrue(LeftoverPostgres.on(data).isEmpty(), "a server stopped with SIGTERM stops its PostgreSQL");
    } finally {
      LeftoverPostgres.on(data).ifPresent(p -> {
        p.destroy();
        p.onExit().join();
      });
      FaultRig.deleteTree(data);
    }
  }
}
