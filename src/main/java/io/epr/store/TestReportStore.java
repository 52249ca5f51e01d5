package io.epr.store;

import io.epr.model.Nvrpp;
import io.epr.model.TestReport;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Stored JUnit test reports and their test case index (tables epr_test_reports, epr_test_cases). */
public final class TestReportStore {
  /** Cases are written this many rows per statement. */
  private static final int CHUNK = 5000;

  /** What provenance shows of a stored report. */
  public record Report(String id, String environmentId, int suites, int tests, int failures, int errors, int skipped,
      double durationSeconds, OffsetDateTime createdAt) {}

  /** What is stored of one report before the database gives it its time. */
  public record Summary(String environmentId, int suites, int tests, int failures, int errors, int skipped,
      double durationSeconds) {

    public static Summary of(TestReport report, String environmentId) {
      return new Summary(environmentId, report.suites().size(), report.caseCount(),
          report.count(TestReport.Outcome.FAILURE), report.count(TestReport.Outcome.ERROR),
          report.count(TestReport.Outcome.SKIPPED), Math.round(report.seconds() * 1000) / 1000.0);
    }
  }

  /** One stored case; {@code outcome} as answered (lower case). */
  public record StoredCase(int ordinal, String suite, String classname, String name, String outcome,
      Double durationSeconds, String message) {}

  /** A case and the artifact (NVRPP) whose report has it. */
  public record CaseRun(StoredCase testCase, String reportId, Nvrpp artifact) {}

  /** What a test_cases query asks for; null parts are not constrained. */
  public record CaseQuery(String name, String classname, String outcome, int first) {}

  private final Pool pool;

  public TestReportStore(Pool pool) {
    this.pool = pool;
  }

  /** The id of the report already stored for this NVRPP with exactly this document, or null. */
  public Future<String> idOfDocument(Nvrpp nvrpp, String sha256) {
    return StoredDocument.idOf(pool, SqlQueries.TEST_REPORT_BY_DOCUMENT, nvrpp, sha256);
  }

  /**
   * Stores the document as posted and indexes its cases, in the caller's transaction; false (and nothing written) when
   * this NVRPP has this exact document already.
   */
  public Future<Boolean> insert(SqlConnection tx, String id, Nvrpp nvrpp, String sha256, String contentType,
      byte[] document, TestReport report, Summary summary) {
    return tx.preparedQuery(SqlQueries.INSERT_TEST_REPORT).execute(Tuple.from(Arrays.asList(id, nvrpp.canonical(),
        sha256, contentType, summary.environmentId(), summary.suites(), summary.tests(), summary.failures(),
        summary.errors(), summary.skipped(), summary.durationSeconds(), Buffer.buffer(document))))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false) : insertCases(tx, id, report));
  }

  private Future<Boolean> insertCases(SqlConnection tx, String id, TestReport report) {
    List<StoredCase> cases = new ArrayList<>(report.caseCount());
    for (TestReport.Suite suite : report.suites()) {
      for (TestReport.Case c : suite.cases()) {
        cases.add(new StoredCase(cases.size(), suite.name(), c.classname(), c.name(), c.outcome().label(),
            c.durationSeconds(), c.message()));
      }
    }
    Future<Void> done = Future.succeededFuture();
    for (int from = 0; from < cases.size(); from += CHUNK) {
      List<StoredCase> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
      done = done.compose(v -> tx.preparedQuery(SqlQueries.INSERT_TEST_CASES).execute(columns(id, chunk)))
          .mapEmpty();
    }
    return done.map(true);
  }

  /** The content type and the bytes as posted, or null. */
  public Future<StoredDocument> document(String id) {
    return StoredDocument.find(pool, SqlQueries.TEST_REPORT_DOCUMENT, id);
  }

  public Future<List<Report>> reportsOf(Nvrpp nvrpp) {
    return pool.preparedQuery(SqlQueries.TEST_REPORTS_OF_NVRPP).execute(Tuple.of(nvrpp.canonical())).map(rows -> {
      List<Report> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(new Report(row.getString("id"), row.getString("environment_id"),
          row.getInteger("suites"), row.getInteger("tests"), row.getInteger("failures"), row.getInteger("errors"),
          row.getInteger("skipped"), row.getDouble("duration_seconds"), row.getOffsetDateTime("created_at"))));
      return out;
    });
  }

  /** Up to {@code first} of the report's cases (of one outcome, or all when null) after the first {@code after}. */
  public Future<List<StoredCase>> cases(String reportId, String outcome, int after, int first) {
    return pool.preparedQuery(SqlQueries.TEST_CASES_PAGE).execute(Tuple.of(reportId, outcome, after, first))
        .map(rows -> {
          List<StoredCase> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(storedCase(row)));
          return out;
        });
  }

  /** The cases matching the query with the artifacts whose reports have them, oldest report first. */
  public Future<List<CaseRun>> runs(CaseQuery q) {
    return new Lookup().equal("c.name", q.name()).equal("c.classname", q.classname()).equal("c.outcome", q.outcome())
        .run(pool, SqlQueries.TEST_CASE_RUNS, "c.report_id, c.ordinal", q.first()).map(rows -> {
          List<CaseRun> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(new CaseRun(storedCase(row), row.getString("report_id"), Lookup.artifact(row))));
          return out;
        });
  }

  private static StoredCase storedCase(Row row) {
    return new StoredCase(row.getInteger("ordinal"), row.getString("suite"), row.getString("classname"),
        row.getString("name"), row.getString("outcome"), row.getDouble("duration_seconds"), row.getString("message"));
  }

  private static Tuple columns(String reportId, List<StoredCase> chunk) {
    int n = chunk.size();
    Integer[] ordinal = new Integer[n];
    Double[] seconds = new Double[n];
    String[][] text = new String[5][n];
    for (int i = 0; i < n; i++) {
      StoredCase c = chunk.get(i);
      ordinal[i] = c.ordinal();
      text[0][i] = c.suite();
      text[1][i] = c.classname();
      text[2][i] = c.name();
      text[3][i] = c.outcome();
      seconds[i] = c.durationSeconds();
      text[4][i] = c.message();
    }
    return Tuple.tuple().addString(reportId).addArrayOfInteger(ordinal).addArrayOfString(text[0])
        .addArrayOfString(text[1]).addArrayOfString(text[2]).addArrayOfString(text[3]).addArrayOfDouble(seconds)
        .addArrayOfString(text[4]);
  }
}
