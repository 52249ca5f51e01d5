package io.epr.cdevents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.model.EprJson;
import io.epr.model.Event;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CDEvent of a generated type: each field from the first of the rule's candidates that the official schema accepts,
 * a required field from its fallback when none does, and the context derived from the EPR event.
 */
final class GeneratedEvent implements Emission {
  private static final String SPEC_VERSION = "0.5.1";

  private final GeneratedType type;
  private final Map<String, List<FieldSource>> candidates;

  /** @param candidates the rule's sources by field key */
  GeneratedEvent(GeneratedType type, Map<String, List<FieldSource>> candidates) {
    this.type = type;
    this.candidates = Map.copyOf(candidates);
  }

  @Override
  public Optional<CdEvent> emit(EventFacts facts) {
    Event event = facts.event();
    String id = CdeventIds.contextId(event.id(), type.type());
    // the rendering CloudEvents uses for ce_time, so that the header and the CDEvent agree
    String timestamp =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
    ObjectNode cdevent = EprJson.MAPPER.createObjectNode();
    cdevent.putObject("context")
        .put("specversion", SPEC_VERSION)
        .put("id", id)
        .put("source", facts.publicUrl())
        .put("type", type.type())
        .put("timestamp", timestamp)
        .put("chainId", CdeventIds.chainId(event.nvrpp()));
    ObjectNode subject = cdevent.putObject("subject");
    for (FieldSpec field : type.fields()) {
      value(field, facts).ifPresent(value -> field.writeTo(subject, value));
    }
    subject.withObjectProperty("content");
    if (type.linksArtifacts() && !facts.artifactSubjects().isEmpty()) {
      ArrayNode links = cdevent.putObject("customData").putArray("links");
      for (String purl : facts.artifactSubjects()) {
        links.addObject().put("linkkind", "produced").putObject("subject").put("type", "artifact").put("id", purl);
      }
    }
    return Optional.of(new CdEvent(id, type.type(), subject.get("id").textValue(), facts.publicUrl(), timestamp,
        cdevent.toString()));
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
