package io.epr.cdevents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.json.EprJson;
import io.epr.model.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A CDEvent of a generated type: each field from the first of the rule's candidates that the official schema accepts,
 * a required field from its fallback when none does (no CDEvent when it has none), and the context derived from the
 * EPR event.
 */
final class GeneratedEvent implements Emission {
  static final String SPEC_VERSION = "0.5.1";

  private final GeneratedType type;
  private final Map<String, List<FieldSource>> candidates;

  /** @param candidates the rule's sources by field key */
  GeneratedEvent(GeneratedType type, Map<String, List<FieldSource>> candidates) {
    this.type = type;
    this.candidates = Map.copyOf(candidates);
  }

  @Override
  public List<CdEvent> emit(EventFacts facts) {
    EventFacts these = facts.emitting(type.type());
    Event event = these.event();
    String id = CdeventIds.contextId(event.id(), type.type());
    String timestamp = EventTime.render(time(these));
    ObjectNode cdevent = context(these, id, type.type(), timestamp);
    ObjectNode subject = cdevent.putObject("subject");
    for (FieldSpec field : type.fields()) {
      Optional<String> value = value(field, these);
      if (value.isEmpty() && field.required()) {
        return List.of();
      }
      value.ifPresent(v -> field.writeTo(subject, v));
    }
    subject.withObjectProperty("content");
    if (type.linksArtifacts()) {
      these.artifactId().ifPresent(purl -> linkArtifact(cdevent, "produced", purl));
    }
    return List.of(new CdEvent(id, type.type(), subject.get("id").textValue(), these.publicUrl(), timestamp,
        cdevent.toString()));
  }

  /**
   * A time more than an hour ahead, and a field the CDEvent needs that nothing in the event gives (a deployment's
   * environment): either would leave CDViz wrong or without the event.
   */
  @Override
  public List<String> problems(EventFacts facts, Instant now) {
    EventFacts these = facts.emitting(type.type());
    List<String> problems = new ArrayList<>();
    candidates.getOrDefault(GeneratedType.TIMESTAMP.key(), List.of()).stream()
        .flatMap(source -> source.valueIn(these).flatMap(EventTime::parse)
            .flatMap(time -> EventTime.tooFarAhead(source.spec(), time, now)).stream())
        .findFirst().ifPresent(problems::add);
    for (FieldSpec field : type.fields()) {
      if (field.required() && field.fallback() == null && value(field, these).isEmpty()) {
        List<FieldSource> tried = candidates.getOrDefault(field.key(), List.of());
        problems.add(type.type() + " needs " + field.key() + ", and " + (tried.isEmpty() ? "the rule gives no source"
            : "none of " + tried.stream().map(FieldSource::spec).collect(Collectors.joining(", ")) + " gives one")
            + " (" + field.constraint().what() + ")");
      }
    }
    return problems;
  }

  /** A CDEvent's {@code context} (spec v0.5.1), from EPR, in the NVRPP's chain. */
  static ObjectNode context(EventFacts facts, String id, String type, String timestamp) {
    ObjectNode cdevent = EprJson.MAPPER.createObjectNode();
    cdevent.putObject("context")
        .put("specversion", SPEC_VERSION)
        .put("id", id)
        .put("source", facts.publicUrl())
        .put("type", type)
        .put("timestamp", timestamp)
        .put("chainId", CdeventIds.chainId(facts.event().nvrpp()));
    return cdevent;
  }

  /** A link in CDViz's {@code customData.links} shape, to the artifact of the NVRPP. */
  static void linkArtifact(ObjectNode cdevent, String kind, String purl) {
    cdevent.withObjectProperty("customData").withArrayProperty("links").addObject().put("linkkind", kind)
        .putObject("subject").put("type", "artifact").put("id", purl);
  }

  private OffsetDateTime time(EventFacts facts) {
    return value(GeneratedType.TIMESTAMP, facts).flatMap(EventTime::parse).orElse(facts.event().createdAt());
  }

  private Optional<String> value(FieldSpec field, EventFacts facts) {
    Optional<String> candidate = candidates.getOrDefault(field.key(), List.of()).stream()
        .map(source -> source.valueIn(facts))
        .flatMap(Optional::stream)
        .filter(field.constraint()::accepts)
        .findFirst();
    return field.fallback() == null ? candidate : candidate.or(() -> field.fallback().valueIn(facts));
  }
}
