package io.epr.ingest;

import io.epr.json.EprJson;
import io.epr.metrics.EprMetrics;
import io.epr.model.Cancellation;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.Nvrpp;
import io.epr.model.Sha256;
import io.epr.model.TestReport;
import io.epr.model.Ulid;
import io.epr.store.TestReportStore.Summary;
import io.epr.store.TestReportStore;
import io.epr.testreport.InvalidTestReportException;
import io.epr.testreport.JUnitXmlReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Locale;

/**
 * JUnit XML test reports posted by build jobs to /api/v1/test-reports: read on the {@link UploadPool} within the
 * request's cancellation, stored exactly as posted as an event on the built-in test report receiver (its payload a
 * summary, its {@code success} whether no case failed or erred), every case indexed. The event carries the parsed
 * report to its CDEvents.
 */
public final class TestReportIngest {
  public static final String RECEIVER_TYPE = "build.test.junit.report";
  public static final String RECEIVER_NAME = "epr-junit-test-report";
  /** The payload of a test report event: what the report counts and where it is; the document itself is at uri. */
  private static final String RECEIVER_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
      + "\"type\":\"object\",\"required\":[\"uri\",\"format\",\"sha256\",\"suites\",\"tests\",\"failures\",\"errors\","
      + "\"skipped\",\"duration_seconds\",\"environment_id\"],"
      + "\"properties\":{\"uri\":{\"type\":\"string\",\"format\":\"uri\"},\"format\":{\"const\":\"junit\"},"
      + "\"sha256\":{\"type\":\"string\"},\"suites\":{\"type\":\"integer\",\"minimum\":0},"
      + "\"tests\":{\"type\":\"integer\",\"minimum\":0},\"failures\":{\"type\":\"integer\",\"minimum\":0},"
      + "\"errors\":{\"type\":\"integer\",\"minimum\":0},\"skipped\":{\"type\":\"integer\",\"minimum\":0},"
      + "\"duration_seconds\":{\"type\":\"number\",\"minimum\":0},\"environment_id\":{\"type\":\"string\"}}}";
  /** What a report is stored as when its request names no XML media type. */
  private static final String XML = "application/xml";

  /**
   * A posted report: the NVRPP it tests, where the tests ran (null: the NVRPP's platform), the request's Content-Type
   * (may be null) and the raw body.
   */
  public record TestReportInput(String name, String version, String release, String platformId, String pkg,
      String environmentId, String description, String contentType, byte[] body) {}

  /** A report read and ready to store. */
  private record Indexed(TestReport report, String sha256) {}

  private final DocumentUploads documents;
  private final Ingest ingest;
  private final TestReportStore reports;
  private final EventCommits commits;
  private final EprMetrics metrics;
  private final String publicUrl;
  private volatile EventReceiver receiver;

  TestReportIngest(UploadPool uploads, Ingest ingest, TestReportStore reports, EventCommits commits,
      EprMetrics metrics, String publicUrl) {
    this.documents = new DocumentUploads(uploads);
    this.ingest = ingest;
    this.reports = reports;
    this.commits = commits;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
  }

  /** Finds the built-in test report receiver, creating it on first start. */
  public Future<Void> start() {
    return ingest.builtInReceiver(RECEIVER_NAME, RECEIVER_TYPE, "JUnit XML test reports posted to "
        + "/api/v1/test-reports", RECEIVER_SCHEMA).onSuccess(r -> receiver = r).mapEmpty();
  }

  /** The id of the stored report (the same as its event's); the existing id when this document was posted before. */
  public Future<String> create(TestReportInput in, Caller caller) {
    Problems problems = new Problems();
    problems.nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
    if (in.environmentId() != null) {
      problems.text("environment_id", in.environmentId());
    }
    problems.text("description", in.description());
    if (in.body().length == 0) {
      problems.add("the body is empty: send the JUnit XML report as the request body");
    }
    problems.throwIfAny();
    Nvrpp nvrpp = new Nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
    return documents.create(caller, nvrpp, () -> read(in.body(), caller.cancellation()), Indexed::sha256,
        reports::idOfDocument, read -> store(in, nvrpp, read, caller));
  }

  private Future<String> store(TestReportInput in, Nvrpp nvrpp, Indexed read, Caller caller) {
    String id = Ulid.next();
    Summary summary = Summary.of(read.report(), in.environmentId() == null ? in.platformId() : in.environmentId());
    String payload = EprJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("uri", publicUrl + "/api/v1/test-reports/" + id);
      g.writeStringField("format", "junit");
      g.writeStringField("sha256", read.sha256());
      g.writeNumberField("suites", summary.suites());
      g.writeNumberField("tests", summary.tests());
      g.writeNumberField("failures", summary.failures());
      g.writeNumberField("errors", summary.errors());
      g.writeNumberField("skipped", summary.skipped());
      g.writeNumberField("duration_seconds", summary.durationSeconds());
      g.writeStringField("environment_id", summary.environmentId());
      g.writeEndObject();
    });
    boolean success = summary.failures() == 0 && summary.errors() == 0;
    Event draft = new Event(id, nvrpp, in.description(), payload, success, null, receiver.id());
    String contentType = xmlType(in.contentType());
    EventCommits.Attachment attachment = new EventCommits.Attachment() {
      @Override
      public Future<Void> store(SqlConnection tx, Event event) {
        return DocumentUploads.once(reports.insert(tx, event.id(), event.nvrpp(), read.sha256(), contentType,
            in.body(), read.report(), summary), "test report");
      }

      @Override
      public TestReport testReport() {
        return read.report();
      }
    };
    return commits.commit(draft, receiver, attachment, caller).map(committed -> {
      metrics.eventCreated(success);
      return id;
    });
  }

  /** The request's Content-Type when it names XML (application/xml, text/xml, …+xml), else application/xml. */
  private static String xmlType(String contentType) {
    if (contentType == null) {
      return XML;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals(XML) || type.equals("text/xml") || type.endsWith("+xml") ? contentType.strip() : XML;
  }

  private static Indexed read(byte[] body, Cancellation cancellation) {
    try {
      return new Indexed(JUnitXmlReader.read(body, cancellation), Sha256.hex(body));
    } catch (InvalidTestReportException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }
}
