package io.epr.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What CDViz's database keeps of accepted events, as far as tests need it: {@code cdviz.cdevents_lake}, keyed like its
 * unique index (context id, subject, timestamp) so a re-sent event is stored once, the {@code cdviz.pipelinerun}
 * view the pipeline-run dashboard reads, the other views by subject, and the DORA dashboard's formulas. Thread-safe.
 */
public final class CdvizLake {
  private final Map<Key, Row> rows = new LinkedHashMap<>();

  private record Key(String contextId, String subject, Instant timestamp) {}

  private record Row(String subject, String predicate, Instant timestamp, JsonNode payload) {}

  /**
   * One pipeline run as {@code cdviz.pipelinerun} shows it: per predicate the latest timestamp, the name from the
   * latest event, the outcome from the latest finished event; null where no such event arrived.
   */
  public record PipelineRun(String subjectId, Instant queuedAt, Instant startedAt, Instant finishedAt,
      String pipelineName, String outcome) {

    /** finished − started, as the dashboard's duration; null until both arrived. */
    public Duration duration() {
      return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /** started − queued, as the dashboard's queue time; null until both arrived. */
    public Duration queueTime() {
      return queuedAt == null || startedAt == null ? null : Duration.between(queuedAt, startedAt);
    }
  }

  /**
   * One row of a view such as {@code cdviz.artifact}, {@code cdviz.service} or {@code cdviz.incident}: per predicate
   * the latest timestamp, and the payload of the latest event.
   */
  public record SubjectRow(String subjectId, Map<String, Instant> at, JsonNode lastPayload) {}

  /**
   * Stores a valid, id-sanitized event; false when one with the same key is already there (the database's duplicate
   * key, which the collector counts as a success).
   *
   * @throws java.time.format.DateTimeParseException if context.timestamp is not RFC 3339 with an offset
   */
  synchronized boolean store(JsonNode event) {
    JsonNode context = event.get("context");
    String[] type = context.get("type").asText().split("\\.");
    Instant timestamp = OffsetDateTime.parse(context.get("timestamp").asText()).toInstant();
    Row row = new Row(type[2].toLowerCase(Locale.ROOT), type[3].toLowerCase(Locale.ROOT), timestamp, event);
    return rows.putIfAbsent(new Key(context.get("id").asText(), row.subject(), timestamp), row) == null;
  }

  /** The stored events, in the order they were first accepted. */
  public synchronized List<JsonNode> events() {
    return rows.values().stream().map(Row::payload).toList();
  }

  /** The rows of {@code cdviz.pipelinerun}, by {@code subject.id}, in the order the runs were first seen. */
  synchronized Map<String, PipelineRun> pipelineRuns() {
    Map<String, List<Row>> bySubjectId = new LinkedHashMap<>();
    rows.values().stream().filter(r -> r.subject().equals("pipelinerun"))
        .forEach(r -> bySubjectId.computeIfAbsent(r.payload().at("/subject/id").asText(), id -> new ArrayList<>())
            .add(r));
    Map<String, PipelineRun> runs = new LinkedHashMap<>();
    bySubjectId.forEach((id, events) -> runs.put(id, pipelineRun(id, events)));
    return runs;
  }

  /** The rows of the view of one subject type ({@code artifact}, {@code service}, …), by {@code subject.id}. */
  public synchronized Map<String, SubjectRow> view(String subject) {
    Map<String, List<Row>> bySubjectId = new LinkedHashMap<>();
    rows.values().stream().filter(r -> r.subject().equals(subject))
        .forEach(r -> bySubjectId.computeIfAbsent(r.payload().at("/subject/id").asText(), id -> new ArrayList<>())
            .add(r));
    Map<String, SubjectRow> view = new LinkedHashMap<>();
    bySubjectId.forEach((id, events) -> {
      Map<String, Instant> at = new LinkedHashMap<>();
      events.forEach(r -> at.merge(r.predicate(), r.timestamp(), (a, b) -> a.isAfter(b) ? a : b));
      view.put(id, new SubjectRow(id, at, latest(events, null).payload()));
    });
    return view;
  }

  /**
   * The DORA dashboard's lead times: for each deployment (deployed or upgraded, with an environment and an
   * artifactId), its time minus that of the latest {@code artifact.published} whose subject is that artifactId and
   * which is not later; deployments without such a publication have none.
   */
  public synchronized List<Duration> leadTimes() {
    List<Duration> leadTimes = new ArrayList<>();
    for (Row deployment : rows.values()) {
      JsonNode content = deployment.payload().at("/subject/content");
      if (!deployment.subject().equals("service") || !List.of("deployed", "upgraded").contains(deployment.predicate())
          || !content.at("/environment/id").isTextual() || !content.path("artifactId").isTextual()) {
        continue;
      }
      rows.values().stream()
          .filter(r -> r.subject().equals("artifact") && r.predicate().equals("published")
              && r.payload().at("/subject/id").asText().equals(content.path("artifactId").asText())
              && !r.timestamp().isAfter(deployment.timestamp()))
          .map(Row::timestamp).max(Instant::compareTo)
          .ifPresent(published -> leadTimes.add(Duration.between(published, deployment.timestamp())));
    }
    return leadTimes;
  }

  /** The DORA dashboard's change failure rate: rollbacks per deployment or upgrade, in percent; null with none. */
  public synchronized Double changeFailureRate() {
    long rolledBack = servicePredicates().stream().filter("rolledback"::equals).count();
    long deployed = servicePredicates().stream().filter(p -> p.equals("deployed") || p.equals("upgraded")).count();
    return deployed == 0 ? null : 100.0 * rolledBack / deployed;
  }

  private List<String> servicePredicates() {
    return rows.values().stream().filter(r -> r.subject().equals("service")
        && r.payload().at("/subject/content/environment/id").isTextual()).map(Row::predicate).toList();
  }

  private static PipelineRun pipelineRun(String subjectId, List<Row> events) {
    Row last = latest(events, null);
    Row lastFinished = latest(events, "finished");
    return new PipelineRun(subjectId, latestAt(events, "queued"), latestAt(events, "started"),
        latestAt(events, "finished"), text(last.payload().at("/subject/content/pipelineName")),
        lastFinished == null ? null : text(lastFinished.payload().at("/subject/content/outcome")));
  }

  private static Instant latestAt(List<Row> events, String predicate) {
    Row latest = latest(events, predicate);
    return latest == null ? null : latest.timestamp();
  }

  /** The event with the greatest timestamp (of one predicate, or of any when null); on a tie the later stored. */
  private static Row latest(List<Row> events, String predicate) {
    Row latest = null;
    for (Row r : events) {
      if ((predicate == null || r.predicate().equals(predicate))
          && (latest == null || !r.timestamp().isBefore(latest.timestamp()))) {
        latest = r;
      }
    }
    return latest;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
