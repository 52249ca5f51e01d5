package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.cdevents.NvrppHistory.Episode;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.TestReport;
import java.util.Optional;

/**
 * What a rule reads about one stored EPR event, and the values derived from it.
 *
 * @param publicUrl EPR's public base URL, without a trailing slash
 * @param history what earlier CDEvents of the event's NVRPP established
 * @param testReport the JUnit report the event records, null when none
 * @param emitting the CDEvent type being made, null while no rule has matched
 */
record EventFacts(Event event, EventReceiver receiver, JsonNode payload, String publicUrl, NvrppHistory history,
    TestReport testReport, String emitting) {

  EventFacts emitting(String type) {
    return new EventFacts(event, receiver, payload, publicUrl, history, testReport, type);
  }

  /**
   * The pipeline run: the payload's {@code run_id} (with {@code -<run_attempt>} when given); else the NVRPP's latest
   * run, unless it has finished and this event queues or starts one, which opens a new run. Events that are not
   * pipeline runs (task runs) belong to the latest run and open none.
   */
  Optional<String> runId() {
    Optional<String> named = payloadText("run_id");
    if (named.isPresent()) {
      return named.map(id -> payloadText("run_attempt").map(attempt -> id + "-" + attempt).orElse(id));
    }
    boolean pipelineRun = emitting != null && emitting.startsWith("dev.cdevents.pipelinerun.");
    boolean opens = pipelineRun && !emitting.startsWith("dev.cdevents.pipelinerun.finished.");
    return continued(history.run(), opens, pipelineRun, "run");
  }

  /** The incident: the NVRPP's latest one, unless it was resolved and this event detects or reports one. */
  Optional<String> incidentId() {
    boolean opens = emitting != null && !emitting.startsWith("dev.cdevents.incident.resolved.");
    return continued(history.incident(), opens, true, "incident");
  }

  /** One task run per pipeline run (or NVRPP, outside one) and task name (the payload's, else the receiver's name). */
  String taskRunId() {
    String scope = runId().orElse(event.nvrpp().canonical());
    return CdeventIds.taskRun(scope, payloadText("task_name").orElse(receiver.name()));
  }

  /** The NVRPP's artifact identity when one was established. */
  Optional<String> artifactId() {
    return Optional.ofNullable(history.artifactId());
  }

  String purl() {
    return Purls.of(event.nvrpp());
  }

  String eventUrl() {
    return publicUrl + "/api/v1/events/" + event.id();
  }

  /** Where the event's payload is served as an SBOM (a CycloneDX payload is indexed under the event's id). */
  String sbomUri() {
    return publicUrl + "/api/v1/sboms/" + event.id();
  }

  String outcome() {
    return event.success() ? "success" : "failure";
  }

  private Optional<String> continued(Episode latest, boolean opens, boolean mayOpen, String what) {
    if (latest != null && !(latest.ended() && opens)) {
      return Optional.of(latest.subjectId());
    }
    return mayOpen ? Optional.of(CdeventIds.openedBy(event.id(), what)) : Optional.empty();
  }

  private Optional<String> payloadText(String field) {
    JsonNode value = payload.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? Optional.of(value.asText())
        : Optional.empty();
  }
}
