package io.epr.bench;

import java.util.List;

/**
 * Growth: does ingest slow down, do the queries, once the registry holds years of events? Two deployments side by
 * side: one on an empty database, one with {@code -DgrowthEvents} (10,000,000) events already stored, filled as the
 * queries section fills its 1,000,000 (COPY, four events per NVRPP over 500 names of 20 versions, the indexes the
 * migrations create, then vacuumed and analysed) with its SBOMs. Ingest at 64 connections taking turns between them
 * (goal: the full one within 10 % of the empty one), then provenance(…) and components(purl:) on the full one. 6 to
 * 8 minutes on the 2-core build machine under load, 4 to 6 of them loading the events.
 */
final class GrowthBench {
  private final Bench bench;

  GrowthBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    int events = Integer.getInteger("growthEvents", 10_000_000);
    QueryBench registry = new QueryBench(bench, events);
    Bench.progress("growth: a registry of %,d events beside an empty one", events);
    try (IngestRig full = IngestRig.epr(bench, "growth-full", 1)) {
      registry.fill(full.db, full.servers.get(0));
      try (IngestRig empty = IngestRig.epr(bench, "growth-empty", 1)) {
        List<IngestRig.Series> turns = IngestRig.takingTurns(bench, List.of(empty, full));
        Bench.Stats emptyRate = turns.get(0).rate();
        Bench.Stats fullRate = turns.get(1).rate();
        double ratio = fullRate.median() / emptyRate.median();
        bench.table.row(String.format("Ingest at 64 connections with %,d events stored (events/s until delivered, "
            + "median of %d runs of %d s, taking turns with an empty database)", events, bench.runs,
            (int) bench.seconds), fullRate.describe("%.0f"), "empty database: " + emptyRate.describe("%.0f")
            + String.format("; ratio %.2f", ratio), "ratio ≥ 0.9", ratio >= 0.9);
        empty.check("growth, empty database");
      }
      registry.queries(full.servers.get(0));
      full.check(String.format("growth, %,d events stored", events));
    }
  }
}
