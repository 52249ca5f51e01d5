package io.epr.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/faults}: the fault runs of the test suite at full length (the broker away for 30 s at 100 events/s,
 * the collector answering 500 for a minute, the production lease after a SIGKILL), each with its account, then one
 * table of the figures. Options as system properties: {@code -Dfaults=kill,broker,collector500,collector400,restart,
 * readonly,diskfull} (all by default), {@code -Drate=100} (events/s of the open-loop runs).
 */
public final class FaultBench {
  private FaultBench() {}

  public static void main(String[] args) throws Exception {
    Set<String> faults = Arrays.stream(System.getProperty("faults",
        "kill,broker,collector500,collector400,restart,readonly,diskfull").split(",")).map(String::trim)
        .collect(Collectors.toSet());
    double rate = Double.parseDouble(System.getProperty("rate", "100"));
    long started = System.nanoTime();
    List<Figures> runs = new ArrayList<>();
    if (faults.contains("kill")) {
      runs.add(print(ServerKilled.run(32, 10, 60)));
    }
    if (faults.contains("broker")) {
      runs.add(print(BrokerStopped.run(rate, 10, 30, 10)));
    }
    if (faults.contains("collector500")) {
      runs.add(print(CollectorFailing.serverErrors(rate, 5, 60, 5)));
    }
    if (faults.contains("collector400")) {
      runs.add(print(CollectorFailing.refusals(Math.min(rate, 50), 10)));
    }
    if (faults.contains("restart")) {
      runs.add(print(DatabaseRestarted.run(rate, 5, 10, 10, 60, false)));
      runs.add(print(DatabaseRestarted.run(rate, 5, 10, 10, 60, true)));
    }
    if (faults.contains("readonly")) {
      runs.add(print(DatabaseReadOnly.run(rate, 5, 15, 5)));
    }
    if (faults.contains("diskfull")) {
      runs.add(print(DiskFull.run(rate, 15, 5)));
    }
    System.out.printf("%nfaults finished in %.0f s; server logs in %s%n%n", (System.nanoTime() - started) / 1e9,
        FaultRig.LOGS.toAbsolutePath());
    System.out.println("| fault | sent | acknowledged | failed | stored | delivered: Kafka / CDEvents on Kafka / "
        + "collector | half-stored | lost | holds |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (Figures f : runs) {
      if (f.skipped != null) {
        System.out.printf("| %s | skipped: %s | | | | | | | |%n", f.fault, f.skipped);
        continue;
      }
      System.out.printf("| %s | %d | %d | %d (%s) | %d | %d / %d / %d | %d | %d | %s |%n", f.fault, f.sent,
          f.acknowledged, f.failed(), f.failures.isEmpty() ? "-" : String.join("; ", f.failures.keySet()),
          f.stored + f.storedUnacknowledged, f.onKafka, f.cdeventsOnKafka, f.atCollector, f.halfStored, f.lost,
          f.problems.isEmpty() ? "yes" : "**no**");
    }
    System.exit(runs.stream().allMatch(f -> f.problems.isEmpty()) ? 0 : 1);
  }

  private static Figures print(Figures f) {
    System.out.println(f.report());
    System.out.flush();
    return f;
  }
}
