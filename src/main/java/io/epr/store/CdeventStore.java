package io.epr.store;

import io.epr.cdevents.NvrppHistory;
import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CDEvents emitted for stored events (table epr_cdevents). */
public final class CdeventStore {

  /**
   * One emitted CDEvent: its context id, the EPR event it came from, its type and subject, when it happened, and the
   * sinks that take its log record.
   */
  public record Emitted(String id, String eventId, String type, String subjectId, Nvrpp nvrpp,
      OffsetDateTime happenedAt, List<String> sinks) {}

  /**
   * What provenance reports of an emitted CDEvent: whether each sink has it, derived from where that sink is in the
   * outbox's log (its record at or before the sink's position, and neither waiting to be retried nor dead).
   */
  public record Delivery(String id, String type, String subjectId, boolean kafkaDelivered, boolean cdvizDelivered) {}

  public Future<List<Delivery>> ofNvrpp(SqlClient client, Nvrpp nvrpp) {
    return client.preparedQuery(SqlQueries.CDEVENTS_OF_NVRPP).execute(Tuple.of(nvrpp.canonical())).map(rows -> {
      List<Delivery> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(new Delivery(row.getString("id"), row.getString("type"), row.getString("subject_id"),
          row.getBoolean("kafka_delivered"), row.getBoolean("cdviz_delivered"))));
      return out;
    });
  }

  /** The NVRPP's pipeline runs, in the order they began; each retry is a run of its own (a new subject). */
  public Future<List<PipelineRun>> pipelineRuns(SqlClient client, Nvrpp nvrpp) {
    return client.preparedQuery(SqlQueries.PIPELINE_RUN_CDEVENTS).execute(Tuple.of(nvrpp.canonical())).map(rows -> {
      Map<String, PipelineRun> runs = new LinkedHashMap<>();
      rows.forEach(row -> runs.merge(row.getString("subject_id"), PipelineRun.of(row.getString("subject_id"),
          row.getString("type"), row.getOffsetDateTime("happened_at"), row.getBoolean("success")), PipelineRun::then));
      return List.copyOf(runs.values());
    });
  }

  /**
   * Records the CDEvents, each with the position of its record in the outbox's log, written earlier in the same
   * transaction (so of the same txid): what their delivery is judged by.
   */
  public Future<Void> insert(SqlConnection tx, List<Emitted> emitted, List<Long> logPositions) {
    if (emitted.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>(emitted.size());
    for (int i = 0; i < emitted.size(); i++) {
      Emitted e = emitted.get(i);
      batch.add(Tuple.of(e.id(), e.eventId(), e.type(), e.subjectId(), e.nvrpp().canonical(), e.happenedAt(),
          logPositions.get(i), e.sinks().toArray(new String[0])));
    }
    return Batches.execute(tx, SqlQueries.INSERT_CDEVENT, batch);
  }

  /** What the CDEvents already emitted for these NVRPPs established, per canonical NVRPP. */
  public Future<Map<String, NvrppHistory>> historyOf(SqlConnection tx, List<Nvrpp> nvrpps) {
    String[] keys = nvrpps.stream().map(Nvrpp::canonical).distinct().toArray(String[]::new);
    return tx.preparedQuery(SqlQueries.HISTORY_OF_NVRPPS).execute(Tuple.tuple().addArrayOfString(keys)).map(rows -> {
      Map<String, NvrppHistory> byNvrpp = new HashMap<>();
      rows.forEach(row -> byNvrpp.computeIfAbsent(row.getString("nvrpp"), k -> NvrppHistory.empty())
          .emitted(row.getString("type"), row.getString("subject_id")));
      return byNvrpp;
    });
  }
}
