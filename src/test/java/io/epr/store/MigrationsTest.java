package io.epr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void latestIsTheNewestMigrationFile() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      int newest = files.map(p -> p.getFileName().toString())
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
      assertEquals(newest, Migrations.LATEST, "Migrations.LATEST must name the newest migration");
    }
  }

  @Test
  void aCurrentDatabaseIsRecognisedWithoutMigratingAgain() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      PgConfig pg = PgConfig.fromUrl(db.url());
      assertFalse(Migrations.isCurrent(pg), "an empty database has no schema history");
      assertEquals(String.valueOf(Migrations.LATEST), Migrations.migrate(pg));
      assertTrue(Migrations.isCurrent(pg));
      assertEquals(Migrations.LATEST + " (current)", Migrations.migrate(pg));
      try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
          "SELECT count(*) FROM flyway_schema_history WHERE success")) {
        r.next();
        assertEquals(Migrations.LATEST, r.getInt(1), "each migration, once");
      }
    }
  }

  @Test
  void aDatabaseFromBeforeTheLogIsMigrated() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      PgConfig pg = PgConfig.fromUrl(db.url());
      Migrations.migrate(pg);
      try (Connection c = db.connect()) {
        c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version IN ('12', '13')");
        c.createStatement().execute(UNDO_V13 + UNDO_V12);
        c.createStatement().execute("INSERT INTO epr_outbox (record_id, sink, topic, payload, attempts, last_error) "
            + "VALUES ('r-waiting', 'cdviz', 'webhook', '{}', 4, 'HTTP 503')");
      }
      assertFalse(Migrations.isCurrent(pg));
      assertEquals(String.valueOf(Migrations.LATEST), Migrations.migrate(pg));
      assertTrue(Migrations.isCurrent(pg));
      try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
          "SELECT record_id, sink, attempts, last_error, (SELECT count(*) FROM epr_outbox) FROM epr_retries")) {
        assertTrue(r.next(), "what the old outbox held is retried");
        assertEquals("r-waiting cdviz 4 HTTP 503 1", r.getString(1) + " " + r.getString(2) + " " + r.getInt(3) + " "
            + r.getString(4) + " " + r.getLong(5));
      }
    }
  }

  /** A CDEvent recorded under V12 keeps the sinks of its log record, to be judged by once the record is pruned. */
  @Test
  void aCdeventOfTheLogKeepsItsSinks() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      PgConfig pg = PgConfig.fromUrl(db.url());
      Migrations.migrate(pg);
      try (Connection c = db.connect()) {
        c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '13'");
        c.createStatement().execute(UNDO_V13 + """
            INSERT INTO event_receivers (id, name, type, version, description, schema, fingerprint, created_at)
              VALUES ('rcv', 'r', 't', '1', 'd', '{}', 'f', now());
            INSERT INTO events (id, name, version, release, platform_id, package, description, payload, success,
              created_at, event_receiver_id) VALUES ('ev', 'n', '1', '1', 'p', 'pkg', 'd', '{}', true, now(), 'rcv');
            WITH l AS (INSERT INTO epr_log (record_id, topic, payload, sinks) VALUES ('cd', 't', '{}', '{kafka,cdviz}')
              RETURNING position)
            INSERT INTO epr_cdevents (id, event_id, type, subject_id, nvrpp, log_position)
              SELECT 'cd', 'ev', 'dev.cdevents.artifact.packaged.0.2.0', 's', 'n/1/1/p/pkg', position FROM l;
            """);
      }
      assertEquals("13", Migrations.migrate(pg));
      try (Connection c = db.connect(); ResultSet r = c.createStatement().executeQuery(
          "SELECT array_to_string(sinks, ',') FROM epr_cdevents WHERE id = 'cd'")) {
        assertTrue(r.next());
        assertEquals("kafka,cdviz", r.getString(1));
      }
    }
  }

  /** What V13 (the log pruned) made, undone: the database as V12 left it. */
  private static final String UNDO_V13 = """
      ALTER TABLE epr_cdevents DROP COLUMN sinks;
      ALTER TABLE epr_log RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold);
      """;

  /** What V12 (the log as the outbox) made, undone: the database as V11 left it. */
  private static final String UNDO_V12 = """
      DROP VIEW epr_outbox;
      ALTER SEQUENCE epr_retries_id_seq RENAME TO epr_outbox_id_seq;
      ALTER TABLE epr_retries ALTER COLUMN id DROP DEFAULT;
      CREATE TABLE epr_outbox (id bigint PRIMARY KEY DEFAULT nextval('epr_outbox_id_seq'), record_id text NOT NULL,
        sink text NOT NULL, topic text NOT NULL, record_key text, headers jsonb, payload text NOT NULL,
        attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz NOT NULL DEFAULT now(), last_error text,
        created_at timestamptz NOT NULL DEFAULT now());
      ALTER SEQUENCE epr_outbox_id_seq OWNED BY epr_outbox.id;
      CREATE INDEX epr_outbox_sink_order ON epr_outbox (sink, id);
      DROP TABLE epr_retries, epr_log, epr_sink_positions;
      DROP INDEX epr_dead_letters_record;
      ALTER TABLE epr_cdevents DROP COLUMN log_txid, DROP COLUMN log_position;
      """;
}
