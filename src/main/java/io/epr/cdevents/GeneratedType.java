package io.epr.cdevents;

import static io.epr.cdevents.FieldSpec.optional;
import static io.epr.cdevents.FieldSpec.required;
import static io.epr.cdevents.ValueConstraint.ABSOLUTE_URI;
import static io.epr.cdevents.ValueConstraint.OUTCOME;
import static io.epr.cdevents.ValueConstraint.TEXT;
import static io.epr.cdevents.ValueConstraint.URI_REFERENCE;
import static io.epr.cdevents.ValueConstraint.VERSIONED_PURL;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The CDEvent types (spec v0.5.1) that rules generate, each with the fields a rule may fill, in output order. */
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
  ARTIFACT_PACKAGED("dev.cdevents.artifact.packaged.0.3.0", false,
      required("subject.id", VERSIONED_PURL, "derived.purl"),
      required("content.change.id", TEXT, "event.release"),
      optional("content.change.source", URI_REFERENCE),
      optional("content.sbom.uri", ABSOLUTE_URI)),
  ARTIFACT_PUBLISHED("dev.cdevents.artifact.published.0.3.0", false,
      required("subject.id", VERSIONED_PURL, "derived.purl"),
      optional("content.sbom.uri", ABSOLUTE_URI),
      optional("content.user", TEXT));

  private final String type;
  private final boolean linksArtifacts;
  private final List<FieldSpec> fields;

  GeneratedType(String type, boolean linksArtifacts, FieldSpec... fields) {
    this.type = type;
    this.linksArtifacts = linksArtifacts;
    this.fields = List.of(fields);
  }

  static Optional<GeneratedType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  String type() {
    return type;
  }

  /** Pipeline runs link the artifacts they produced, in CDViz's {@code customData.links} shape. */
  boolean linksArtifacts() {
    return linksArtifacts;
  }

  List<FieldSpec> fields() {
    return fields;
  }

  Optional<FieldSpec> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }
}
