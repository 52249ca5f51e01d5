package io.epr.cdevents;

import static io.epr.cdevents.FieldSpec.needed;
import static io.epr.cdevents.FieldSpec.optional;
import static io.epr.cdevents.FieldSpec.required;
import static io.epr.cdevents.ValueConstraint.ABSOLUTE_URI;
import static io.epr.cdevents.ValueConstraint.OUTCOME;
import static io.epr.cdevents.ValueConstraint.TEXT;
import static io.epr.cdevents.ValueConstraint.URI_REFERENCE;
import static io.epr.cdevents.ValueConstraint.ARTIFACT_PURL;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CDEvent types (spec v0.5.1) that rules generate, each with the fields a rule may fill, in output order. Every
 * type also takes {@code context.timestamp}: when it happened.
 */
enum GeneratedType {
  PIPELINERUN_QUEUED("dev.cdevents.pipelinerun.queued.0.3.0", true,
      required("subject.id", TEXT, "derived.run_id"),
      optional("content.pipelineName", TEXT),
      optional("content.uri", ABSOLUTE_URI)),
  PIPELINERUN_STARTED("dev.cdevents.pipelinerun.started.0.3.0", true,
      required("subject.id", TEXT, "derived.run_id"),
      required("content.pipelineName", TEXT, "event.name"),
      required("content.uri", ABSOLUTE_URI, "derived.event_url")),
  PIPELINERUN_FINISHED("dev.cdevents.pipelinerun.finished.0.3.0", true,
      required("subject.id", TEXT, "derived.run_id"),
      optional("content.pipelineName", TEXT),
      optional("content.uri", ABSOLUTE_URI),
      optional("content.outcome", OUTCOME),
      optional("content.errors", TEXT)),
  TASKRUN_STARTED("dev.cdevents.taskrun.started.0.3.0", true,
      required("subject.id", TEXT, "derived.task_run_id"),
      optional("content.taskName", TEXT),
      optional("content.uri", ABSOLUTE_URI),
      optional("content.pipelineRun.id", TEXT)),
  TASKRUN_FINISHED("dev.cdevents.taskrun.finished.0.3.0", true,
      required("subject.id", TEXT, "derived.task_run_id"),
      optional("content.taskName", TEXT),
      optional("content.uri", ABSOLUTE_URI),
      optional("content.pipelineRun.id", TEXT),
      optional("content.outcome", TEXT),
      optional("content.errors", TEXT)),
  ARTIFACT_PACKAGED("dev.cdevents.artifact.packaged.0.3.0", false,
      required("subject.id", ARTIFACT_PURL, "derived.purl"),
      required("content.change.id", TEXT, "event.release"),
      optional("content.change.source", URI_REFERENCE),
      optional("content.sbom.uri", ABSOLUTE_URI)),
  ARTIFACT_PUBLISHED("dev.cdevents.artifact.published.0.3.0", false,
      required("subject.id", ARTIFACT_PURL, "derived.purl"),
      optional("content.sbom.uri", ABSOLUTE_URI),
      optional("content.user", TEXT)),
  SERVICE_DEPLOYED("dev.cdevents.service.deployed.0.3.0", false, deployment(true)),
  SERVICE_UPGRADED("dev.cdevents.service.upgraded.0.3.0", false, deployment(true)),
  SERVICE_ROLLEDBACK("dev.cdevents.service.rolledback.0.3.0", false, deployment(true)),
  SERVICE_REMOVED("dev.cdevents.service.removed.0.3.0", false, deployment(false)),
  INCIDENT_DETECTED("dev.cdevents.incident.detected.0.3.0", false, incident()),
  INCIDENT_REPORTED("dev.cdevents.incident.reported.0.3.0", false,
      Stream.concat(Arrays.stream(incident()), Stream.of(needed("content.ticketURI", ABSOLUTE_URI)))
          .toArray(FieldSpec[]::new)),
  INCIDENT_RESOLVED("dev.cdevents.incident.resolved.0.3.0", false, incident());

  /** When it happened, for every type; the EPR event's created_at when no candidate is an RFC 3339 time. */
  static final FieldSpec TIMESTAMP = optional("context.timestamp", ValueConstraint.TIMESTAMP);

  private final String type;
  private final boolean linksArtifacts;
  private final List<FieldSpec> fields;

  GeneratedType(String type, boolean linksArtifacts, FieldSpec... fields) {
    this.type = type;
    this.linksArtifacts = linksArtifacts;
    this.fields = List.of(fields);
  }

  /** A deployment: the service, the environment (needed, except to remove one) and the artifact deployed. */
  private static FieldSpec[] deployment(boolean deploys) {
    return deploys
        ? new FieldSpec[] {required("subject.id", TEXT, "event.name"), needed("content.environment.id", TEXT),
            optional("content.environment.source", URI_REFERENCE), required("content.artifactId", TEXT, "derived.purl")}
        : new FieldSpec[] {required("subject.id", TEXT, "event.name"), optional("content.environment.id", TEXT)};
  }

  private static FieldSpec[] incident() {
    return new FieldSpec[] {required("subject.id", TEXT, "derived.incident_id"), optional("content.description", TEXT),
        needed("content.environment.id", TEXT), optional("content.environment.source", URI_REFERENCE),
        optional("content.service.id", TEXT), optional("content.artifactId", TEXT)};
  }

  static Optional<GeneratedType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  String type() {
    return type;
  }

  /** Pipeline and task runs link the artifacts they produced, in CDViz's {@code customData.links} shape. */
  boolean linksArtifacts() {
    return linksArtifacts;
  }

  /** The fields written into the subject, in output order. */
  List<FieldSpec> fields() {
    return fields;
  }

  /** A field a rule may fill: one of {@link #fields()} or {@link #TIMESTAMP}. */
  Optional<FieldSpec> field(String key) {
    return key.equals(TIMESTAMP.key()) ? Optional.of(TIMESTAMP)
        : fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }
}
