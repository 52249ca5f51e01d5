package io.epr.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** Versioned schema migrations (src/main/resources/db/migration), applied at start-up. Blocking: call off the event loop. */
public final class Migrations {
  /** The version of the newest migration, V{LATEST}__….sql. */
  static final int LATEST = 13;

  private Migrations() {}

  /**
   * Brings the database to the latest schema; the version it is at. A database already there is recognised with one
   * query, without Flyway, which takes about a second to load: most starts are restarts.
   */
  public static String migrate(PgConfig pg) {
    if (isCurrent(pg)) {
      return LATEST + " (current)";
    }
    var result = Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .locations("classpath:db/migration")
        // an existing Go EPR database has the tables but no history: V1 creates only what is missing
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return result.targetSchemaVersion == null ? LATEST + " (current)" : result.targetSchemaVersion;
  }

  /** False when the database is older, has no history yet, or cannot be reached (Flyway then says why). */
  static boolean isCurrent(PgConfig pg) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT max(version::int) FROM flyway_schema_history WHERE success")) {
      return r.next() && r.getInt(1) == LATEST;
    } catch (SQLException e) {
      return false;
    }
  }
}
