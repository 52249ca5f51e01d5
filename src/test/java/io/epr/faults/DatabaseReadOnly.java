package io.epr.faults;

import io.epr.bench.LoadGenerator.Run;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL turned read-only under load ({@code ALTER SYSTEM SET default_transaction_read_only = on} and a reload,
 * as a managed database does when its storage runs full; the service's open connections become read-only too), then
 * writable again: writes get a 503 that says so, reads go on, nothing is half-stored, and once writable the service
 * takes events and delivers its backlog without a restart.
 */
final class DatabaseReadOnly {
  static final String READ_ONLY = "HTTP 503 \"service unavailable: the database is read-only, try again once it "
      + "accepts writes\"";

  private DatabaseReadOnly() {}

  static Figures run(double rate, double before, double readOnly, double after) throws Exception {
    Figures f = new Figures(String.format("PostgreSQL read-only for %.0f s under %.0f events/s", readOnly, rate));
    Path dir = TestBroker.tempDir("faults-postgres");
    try (OwnPostgres pg = OwnPostgres.start(dir, TestBroker.freePort());
        FaultRig rig = new FaultRig("database-read-only", pg.url(), pg::connect, TestBroker.sharedBootstrap(),
            Map.of())) {
      rig.start();
      Run writable = rig.openLoop(rate, before).get();
      String event = writable.acks().get(0).id();

      pg.execute("ALTER SYSTEM SET default_transaction_read_only = on", "SELECT pg_reload_conf()");
      Run whileReadOnly = rig.openLoop(rate, readOnly).get();
      Map<String, Integer> reads = new TreeMap<>();
      for (String path : new String[] {"/api/v1/events/" + event, "/healthz/readiness", "/api/v1/dead-letters",
          "/healthz/status"}) {
        reads.put("GET " + path, rig.status(path));
      }
      String status = rig.get("/healthz/status").body();
      pg.execute("ALTER SYSTEM RESET default_transaction_read_only", "SELECT pg_reload_conf()");
      Thread.sleep(500); // the sessions take the reload at their next command

      rig.openLoop(rate, after).get();
      f.note("while read-only: %d of %d posts answered 503; reads answered %s", whileReadOnly.failed(),
          whileReadOnly.ok() + whileReadOnly.failed(), reads);
      String database = Http.parse(status).get("database").toString();
      f.note("/healthz/status while read-only: %s", database);
      if (!database.contains("\"read_only\":true")) {
        f.problem("/healthz/status does not say the database is read-only: %s", status);
      }
      f.note("all answers: %s", Ledger.latency(rig.runs(), 0, Long.MAX_VALUE));
      rig.reconcile(f, Duration.ofSeconds(60));
      reads.forEach((read, code) -> {
        if (code != 200) {
          f.problem("%s answered %d while the database was read-only", read, code);
        }
      });
      if (writable.failed() > 0) {
        f.problem("%d posts failed before the database turned read-only", writable.failed());
      }
      f.failures.keySet().stream().filter(kind -> !kind.equals(READ_ONLY))
          .forEach(kind -> f.problem("a request got %s", kind));
    } finally {
      FaultRig.deleteTree(dir);
    }
    return f;
  }
}
