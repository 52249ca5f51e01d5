package io.epr.store;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One run of a build's pipeline as its pipeline-run CDEvents tell it: when it was queued, started and finished (as
 * each CDEvent says: the payload's time when it gives one, else when EPR stored the event), and how it ended. A retried run is a run of its own, so a failure followed by a successful retry
 * shows as two runs, the way CDViz counts them.
 */
public record PipelineRun(String runId, OffsetDateTime queuedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt,
    Boolean succeeded) {

  static PipelineRun of(String runId, String cdeventType, OffsetDateTime at, boolean success) {
    String phase = cdeventType.split("\\.")[3];
    return switch (phase) {
      case "queued" -> new PipelineRun(runId, at, null, null, null);
      case "started" -> new PipelineRun(runId, null, at, null, null);
      default -> new PipelineRun(runId, null, null, at, success);
    };
  }

  /** This run, told more by a later CDEvent of it: the first queue and start, the last finish. */
  PipelineRun then(PipelineRun later) {
    return new PipelineRun(runId, queuedAt != null ? queuedAt : later.queuedAt,
        startedAt != null ? startedAt : later.startedAt, later.finishedAt != null ? later.finishedAt : finishedAt,
        later.finishedAt != null ? later.succeeded : succeeded);
  }

  /** success or failure once finished; running once started; else queued. */
  public String outcome() {
    if (finishedAt != null) {
      return Boolean.TRUE.equals(succeeded) ? "success" : "failure";
    }
    return startedAt != null ? "running" : "queued";
  }

  /** From queued to started, in seconds; null unless both are known. */
  public Double queueSeconds() {
    return seconds(queuedAt, startedAt);
  }

  /** From started (else queued) to finished, in seconds; null until it finished. */
  public Double durationSeconds() {
    return seconds(startedAt != null ? startedAt : queuedAt, finishedAt);
  }

  private static Double seconds(OffsetDateTime from, OffsetDateTime to) {
    return from == null || to == null ? null : Duration.between(from, to).toNanos() / 1e9;
  }
}
