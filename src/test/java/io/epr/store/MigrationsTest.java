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
  void anOlderDatabaseIsMigrated() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      PgConfig pg = PgConfig.fromUrl(db.url());
      Migrations.migrate(pg);
      try (Connection c = db.connect()) {
        c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '" + Migrations.LATEST + "'");
        c.createStatement().execute("ALTER TABLE epr_cdevents DROP COLUMN happened_at"); // what the latest migration made
      }
      assertFalse(Migrations.isCurrent(pg));
      assertEquals(String.valueOf(Migrations.LATEST), Migrations.migrate(pg));
      assertTrue(Migrations.isCurrent(pg));
    }
  }
}
