package io.epr.api.graphql;

import static io.epr.api.graphql.GraphQLApi.async;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.epr.ingest.InvalidInputException;
import io.epr.model.TestReport.Outcome;
import io.epr.store.TestReportStore.CaseQuery;
import io.epr.store.TestReportStore;
import io.epr.wire.Entities;
import io.epr.wire.MapFields;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * JUnit test reports in GraphQL: {@code Provenance.test_reports} with their cases, and {@code test_cases(…)} — which
 * builds ran (failed, skipped…) a test.
 */
final class TestReportFetchers {
  private static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::label).toList();

  private final TestReportStore reports;

  TestReportFetchers(TestReportStore reports) {
    this.reports = reports;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring.type("Query", q -> q.dataFetcher("test_cases", this::testCases));
    wiring.type("Provenance", p -> p.dataFetcher("test_reports", env -> async(reports.reportsOf(env.getSource())
        .map(list -> list.stream().map(MapFields.of(Entities::testReport)).toList()))));
    wiring.type("TestReport", r -> r.dataFetcher("cases", env -> {
      Map<String, Object> report = env.getSource();
      int after = ProvenanceFetchers.offset(env.getArgument("after"), "cases");
      return async(reports.cases((String) report.get("id"), outcome(env), after,
          ProvenanceFetchers.first(env.getArgument("first"))).map(list -> list.stream().map(MapFields.of(Entities::testCase)).toList()));
    }));
  }

  private CompletableFuture<List<Map<String, Object>>> testCases(DataFetchingEnvironment env) {
    String name = env.getArgument("name");
    String classname = env.getArgument("classname");
    if (name == null && classname == null) {
      throw new InvalidInputException("test_cases needs a name or a classname");
    }
    return async(reports.runs(new CaseQuery(name, classname, outcome(env),
        ProvenanceFetchers.first(env.getArgument("first")))).map(runs -> runs.stream().map(MapFields.of(Entities::testCaseRun)).toList()));
  }

  /** The {@code outcome} argument: one of the outcomes' labels, or null for all. */
  private static String outcome(DataFetchingEnvironment env) {
    String outcome = env.getArgument("outcome");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw new InvalidInputException("outcome must be one of " + String.join(", ", OUTCOMES) + ", got '" + outcome
          + "'");
    }
    return outcome;
  }
}
