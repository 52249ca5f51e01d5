package io.epr.support;

import io.epr.store.Migrations;
import io.epr.store.PgConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A fresh database with the service's schema, and a Vert.x pool on it: for tests of one store or of the outbox's
 * parts, without a server. Closing it closes Vert.x and drops the database.
 */
public final class MigratedDatabase implements AutoCloseable {
  public final TestDatabase db = new TestDatabase();
  public final PgConfig pg = PgConfig.fromUrl(db.url());
  public final Vertx vertx;
  public final Pool pool;

  public MigratedDatabase() {
    try {
      Migrations.migrate(pg);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(pg.connectOptions()).using(vertx).build();
  }

  /** Runs {@code statements} over JDBC, in one implicit transaction. */
  public void sql(String statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(statements);
    }
  }

  /** The future's result, waiting at most 30 s. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
    db.close();
  }
}
