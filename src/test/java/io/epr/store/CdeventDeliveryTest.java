package io.epr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.model.Nvrpp;
import io.epr.support.MigratedDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CDEvent's delivery as provenance reports it, judged from the sinks' positions once its log record is gone
 * (pruned): delivered to a sink that takes it and has passed it, unless that sink still retries it; never to a sink
 * that does not take it, even one whose position is past it (CDViz enabled after the record was written).
 */
class CdeventDeliveryTest {
  private static final Nvrpp NVRPP = new Nvrpp("svc", "1.0.0", "1", "linux", "oci");

  private MigratedDatabase db;

  @BeforeEach
  void start() throws SQLException {
    db = new MigratedDatabase();
    db.sql("""
        INSERT INTO event_receivers (id, name, type, version, description, schema, fingerprint)
          VALUES ('rcv', 'r', 't', '1', 'd', '{}', 'f');
        INSERT INTO events (id, name, version, release, platform_id, package, description, payload, success,
          event_receiver_id) VALUES ('ev', 'svc', '1.0.0', '1', 'linux', 'oci', 'd', '{}', true, 'rcv');
        """);
    cdevent("kafka-only", "{kafka}");
    cdevent("both", "{kafka,cdviz}");
    db.sql("""
        INSERT INTO epr_sink_positions (sink, txid, position) SELECT s, max(txid), max(position) FROM epr_log,
          unnest(ARRAY['kafka', 'cdviz']) s GROUP BY s;
        DELETE FROM epr_log;
        """);
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void aPrunedRecordIsDeliveredToTheSinksThatTakeItOnly() throws Exception {
    assertEquals(List.of("kafka-only kafka", "both kafka cdviz"), deliveries());
  }

  @Test
  void aRecordASinkStillRetriesIsNotDeliveredToIt() throws Exception {
    db.sql("INSERT INTO epr_retries (sink, record_id, topic, payload) VALUES ('cdviz', 'both', 't', '{}')");
    assertEquals(List.of("kafka-only kafka", "both kafka"), deliveries());
  }

  /** A CDEvent and its log record, written in one transaction as the ingest does. */
  private void cdevent(String id, String sinks) throws SQLException {
    db.sql("WITH l AS (INSERT INTO epr_log (record_id, topic, payload, sinks) VALUES ('" + id + "', 't', '{}', '" + sinks
        + "') RETURNING position) INSERT INTO epr_cdevents (id, event_id, type, subject_id, nvrpp, log_position, sinks) "
        + "SELECT '" + id + "', 'ev', 'dev.cdevents.artifact.packaged.0.2.0', 's', '" + NVRPP.canonical()
        + "', position, '" + sinks + "' FROM l");
  }

  private List<String> deliveries() throws Exception {
    return MigratedDatabase.await(new CdeventStore().ofNvrpp(db.pool, NVRPP)).stream()
        .map(d -> d.id() + (d.kafkaDelivered() ? " kafka" : "") + (d.cdvizDelivered() ? " cdviz" : "")).toList();
  }
}
