package io.epr.api.graphql;

import com.fasterxml.jackson.databind.util.RawValue;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.epr.model.Times;
import io.epr.store.CdeventStore;
import io.epr.store.OutboxStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** The GraphQL objects: maps keyed by the schema's snake_case field names; JSON fields as raw JSON. */
final class Views {
  private Views() {}

  static Map<String, Object> event(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("name", e.nvrpp().name());
    m.put("version", e.nvrpp().version());
    m.put("release", e.nvrpp().release());
    m.put("platform_id", e.nvrpp().platformId());
    m.put("package", e.nvrpp().pkg());
    m.put("description", e.description());
    m.put("payload", new RawValue(e.payload()));
    m.put("event_receiver_id", e.receiverId());
    m.put("success", e.success());
    m.put("created_at", Times.format(e.createdAt()));
    return m;
  }

  static Map<String, Object> receiver(EventReceiver r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("type", r.type());
    m.put("version", r.version());
    m.put("description", r.description());
    m.put("schema", new RawValue(r.schema()));
    m.put("fingerprint", r.fingerprint());
    m.put("created_at", Times.format(r.createdAt()));
    return m;
  }

  static Map<String, Object> group(EventReceiverGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("name", g.name());
    m.put("type", g.type());
    m.put("version", g.version());
    m.put("description", g.description());
    m.put("enabled", g.enabled());
    m.put("event_receiver_ids", g.receiverIds());
    m.put("created_at", Times.format(g.createdAt()));
    m.put("updated_at", Times.format(g.updatedAt()));
    return m;
  }

  static Map<String, Object> deadLetter(OutboxStore.DeadLetter d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", String.valueOf(d.id()));
    m.put("record_id", d.recordId());
    m.put("target", d.sink());
    m.put("topic", d.topic());
    m.put("attempts", d.attempts());
    m.put("reason", d.reason());
    m.put("last_error", d.lastError());
    m.put("created_at", Times.format(d.createdAt()));
    m.put("failed_at", Times.format(d.failedAt()));
    return m;
  }

  static Map<String, Object> sbom(SbomStore.Sbom s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("spec_version", s.specVersion());
    m.put("serial_number", s.serialNumber());
    m.put("component_count", s.componentCount());
    m.put("created_at", Times.format(s.createdAt()));
    return m;
  }

  static Map<String, Object> component(SbomStore.Component c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("version", c.version());
    m.put("group", c.group());
    m.put("type", c.type());
    m.put("purl", c.purl());
    m.put("licenses", c.licenses());
    return m;
  }

  static Map<String, Object> componentUse(SbomStore.ComponentUse u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("component", component(u.component()));
    m.put("sbom_id", u.sbomId());
    putArtifact(m, u.artifact());
    return m;
  }

  static Map<String, Object> testReport(TestReportStore.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("tests", r.tests());
    m.put("failures", r.failures());
    m.put("errors", r.errors());
    m.put("skipped", r.skipped());
    m.put("duration_seconds", r.durationSeconds());
    m.put("environment_id", r.environmentId());
    m.put("created_at", Times.format(r.createdAt()));
    return m;
  }

  static Map<String, Object> testCase(TestReportStore.StoredCase c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("classname", c.classname());
    m.put("suite", c.suite());
    m.put("outcome", c.outcome());
    m.put("duration_seconds", c.durationSeconds());
    m.put("message", c.message());
    return m;
  }

  static Map<String, Object> testCaseRun(TestReportStore.CaseRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_case", testCase(r.testCase()));
    m.put("report_id", r.reportId());
    putArtifact(m, r.artifact());
    return m;
  }

  /** The NVRPP of the artifact an answer is about, as the fields name, version, release, platform_id and package. */
  private static void putArtifact(Map<String, Object> m, Nvrpp artifact) {
    m.put("name", artifact.name());
    m.put("version", artifact.version());
    m.put("release", artifact.release());
    m.put("platform_id", artifact.platformId());
    m.put("package", artifact.pkg());
  }

  static Map<String, Object> cdevent(CdeventStore.Delivery d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("type", d.type());
    m.put("subject_id", d.subjectId());
    m.put("kafka_delivered", d.kafkaDelivered());
    m.put("cdviz_delivered", d.cdvizDelivered());
    return m;
  }
}
