package io.epr.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Versioned schema migrations (src/main/resources/db/migration), applied at start-up. Blocking: call off the event loop. */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(PgConfig pg) {
    return Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .locations("classpath:db/migration")
        // an existing Go EPR database has the tables but no history: V1 creates only what is missing
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
