package io.epr.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** An embedded PostgreSQL (zonky) whose data directory survives restarts. */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Runs initdb only if dataDir holds no cluster yet; picks a free port. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    try {
      return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
          .setDataDirectory(dataDir.toAbsolutePath())
          .setCleanDataDirectory(false)
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
    }
  }

  public String url() {
    return "postgres://postgres@localhost:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
