package io.epr.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epr.support.MigratedDatabase;
import org.junit.jupiter.api.Test;

/** EPR_DB is honoured whole: user, password, database and sslmode (Go EPR used only host and port). */
class PgConfigTest {

  @Test
  void fullUrl() {
    PgConfig c = PgConfig.fromUrl("postgresql://epr%40ci:p%3Ass%2Fw@db.internal:6543/provenance?sslmode=require");
    assertEquals(new PgConfig("db.internal", 6543, "provenance", "epr@ci", "p:ss/w", "require"), c);
    assertEquals("jdbc:postgresql://db.internal:6543/provenance?sslmode=require", c.jdbcUrl());
    assertEquals("epr@ci", c.connectOptions().getUser());
    assertEquals("p:ss/w", c.connectOptions().getPassword());
    assertTrue(!c.describe().contains("p:ss/w"), "no password in messages");
  }

  @Test
  void eprsShortFormKeepsItsDefaults() {
    assertEquals(new PgConfig("localhost", 5432, "postgres", "postgres", "", "disable"),
        PgConfig.fromUrl("postgres://localhost:5432"));
    assertEquals(new PgConfig("postgres", 5432, "postgres", "postgres", "", "disable"),
        PgConfig.fromUrl("postgres://postgres"));
  }

  @Test
  void notAPostgresUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PgConfig.fromUrl("mysql://h:3306/x"));
    assertTrue(e.getMessage().startsWith("EPR_DB must look like postgres://user:password@host:5432/database"), e.getMessage());
  }

  /** The pool's sessions run without JIT: a plan misestimated on a table never analyzed was compiled every time. */
  @Test
  void sessionsRunWithoutJit() throws Exception {
    try (MigratedDatabase db = new MigratedDatabase()) {
      assertEquals("off client", MigratedDatabase.await(db.pool.query("SELECT setting || ' ' || source FROM pg_settings "
          + "WHERE name = 'jit'").execute()).iterator().next().getString(0));
    }
  }
}
