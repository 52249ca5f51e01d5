package io.epr.wire;

import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.epr.model.Times;
import io.epr.outbox.DeadLetters;
import io.epr.store.BuildComparisons;
import io.epr.store.CdeventStore;
import io.epr.store.PipelineRun;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import java.time.OffsetDateTime;

/**
 * Every entity EPR answers with, its fields named once: the Go structs' snake_case names and order (EPR's REST and
 * Kafka JSON, epr-api.md), which are also the GraphQL schema's field names. Payloads and schemas are embedded as stored.
 */
public final class Entities {
  private Entities() {}

  public static void receiver(Fields out, EventReceiver r) {
    out.string("id", r.id())
        .string("name", r.name())
        .string("type", r.type())
        .string("version", r.version())
        .string("description", r.description())
        .json("schema", r.schema())
        .string("fingerprint", r.fingerprint())
        .string("created_at", Times.format(r.createdAt()));
  }

  /** An event as GraphQL answers it; REST and Kafka add its receiver ({@link #eventWith}). */
  public static void event(Fields out, Event e) {
    out.string("id", e.id());
    nvrpp(out, e.nvrpp());
    out.string("description", e.description())
        .json("payload", e.payload())
        .bool("success", e.success())
        .string("created_at", Times.format(e.createdAt()))
        .string("event_receiver_id", e.receiverId());
  }

  /** An event with its receiver under the PascalCase key {@code EventReceiver}, as the Go struct embeds it. */
  public static Fields.Entity<Event> eventWith(EventReceiver receiver) {
    return (out, e) -> {
      event(out, e);
      out.object("EventReceiver", receiver, Entities::receiver);
    };
  }

  /** A page of a console's event search, and the cursor of the next. */
  public static void eventPage(Fields out, RegistryStore.EventPage p) {
    out.objects("events", p.events(), Entities::event)
        .string("next", p.next());
  }

  public static void group(Fields out, EventReceiverGroup g) {
    out.string("id", g.id())
        .string("name", g.name())
        .string("type", g.type())
        .string("version", g.version())
        .string("description", g.description())
        .bool("enabled", g.enabled())
        .strings("event_receiver_ids", g.receiverIds())
        .string("created_at", Times.format(g.createdAt()))
        .string("updated_at", Times.format(g.updatedAt()));
  }

  /** A group as a gate of one NVRPP: complete, or pending with the members still missing. */
  public static void gate(Fields out, RegistryStore.Gate g) {
    out.object("group", g.group(), Entities::group)
        .bool("complete", g.missing().isEmpty())
        .objects("missing", g.missing(), Entities::receiver);
  }

  /** The five NVRPP fields, as events, messages and the artifacts of component and test case answers carry them. */
  public static void nvrpp(Fields out, Nvrpp n) {
    out.string("name", n.name())
        .string("version", n.version())
        .string("release", n.release())
        .string("platform_id", n.platformId())
        .string("package", n.pkg());
  }

  public static void deadLetter(Fields out, DeadLetters.DeadLetter d) {
    out.string("id", String.valueOf(d.id()))
        .string("record_id", d.recordId())
        .string("target", d.sink())
        .string("topic", d.topic())
        .number("attempts", d.attempts())
        .string("reason", d.reason())
        .string("last_error", d.lastError())
        .string("created_at", Times.format(d.createdAt()))
        .string("failed_at", Times.format(d.failedAt()));
  }

  public static void sbom(Fields out, SbomStore.Sbom s) {
    out.string("id", s.id())
        .string("spec_version", s.specVersion())
        .string("serial_number", s.serialNumber())
        .number("component_count", s.componentCount())
        .string("created_at", Times.format(s.createdAt()));
  }

  public static void component(Fields out, SbomStore.Component c) {
    out.string("name", c.name())
        .string("version", c.version())
        .string("group", c.group())
        .string("type", c.type())
        .string("purl", c.purl())
        .strings("licenses", c.licenses());
  }

  /** A component and the artifact (NVRPP) whose SBOM holds it, and when that SBOM was stored. */
  public static void componentUse(Fields out, SbomStore.ComponentUse u) {
    out.object("component", u.component(), Entities::component)
        .string("sbom_id", u.sbomId());
    nvrpp(out, u.artifact());
    out.string("created_at", Times.format(u.createdAt()));
  }

  public static void testReport(Fields out, TestReportStore.Report r) {
    out.string("id", r.id())
        .number("tests", r.tests())
        .number("failures", r.failures())
        .number("errors", r.errors())
        .number("skipped", r.skipped())
        .number("duration_seconds", r.durationSeconds())
        .string("environment_id", r.environmentId())
        .string("created_at", Times.format(r.createdAt()));
  }

  public static void testCase(Fields out, TestReportStore.StoredCase c) {
    out.string("name", c.name())
        .string("classname", c.classname())
        .string("suite", c.suite())
        .string("outcome", c.outcome())
        .number("duration_seconds", c.durationSeconds())
        .string("message", c.message());
  }

  /** A package in two builds' SBOMs: its versions and licenses in each (null where a build does not list it). */
  public static void componentChange(Fields out, BuildComparisons.ComponentChange c) {
    out.string("name", c.name())
        .string("group", c.group())
        .string("purl", c.purl())
        .string("a_version", c.aVersion())
        .string("b_version", c.bVersion())
        .strings("a_licenses", c.aLicenses())
        .strings("b_licenses", c.bLicenses());
  }

  /** Two builds compared: their packages' changes, and the events each has that the other has not. */
  public static void comparison(Fields out, BuildComparisons.Comparison c) {
    out.objects("added", c.added(), Entities::componentChange)
        .objects("removed", c.removed(), Entities::componentChange)
        .objects("changed", c.changed(), Entities::componentChange)
        .objects("events_only_in_a", c.eventsOnlyInA(), Entities::event)
        .objects("events_only_in_b", c.eventsOnlyInB(), Entities::event);
  }

  /** A test case and the artifact (NVRPP) whose report holds it. */
  public static void testCaseRun(Fields out, TestReportStore.CaseRun r) {
    out.object("test_case", r.testCase(), Entities::testCase)
        .string("report_id", r.reportId());
    nvrpp(out, r.artifact());
  }

  /** A run of the build's pipeline; {@code attempt} counts the NVRPP's runs from 1 in the order they began. */
  public static Fields.Entity<PipelineRun> pipelineRun(int attempt) {
    return (out, r) -> out.string("run_id", r.runId())
        .number("attempt", attempt)
        .string("outcome", r.outcome())
        .string("queued_at", time(r.queuedAt()))
        .string("started_at", time(r.startedAt()))
        .string("finished_at", time(r.finishedAt()))
        .number("queue_seconds", r.queueSeconds())
        .number("duration_seconds", r.durationSeconds());
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : Times.format(t);
  }

  /** A CDEvent EPR emitted, and whether each sink has it. */
  public static void cdevent(Fields out, CdeventStore.Delivery d) {
    out.string("id", d.id())
        .string("type", d.type())
        .string("subject_id", d.subjectId())
        .bool("kafka_delivered", d.kafkaDelivered())
        .bool("cdviz_delivered", d.cdvizDelivered());
  }
}
