package io.epr.store;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** EPR_DB, a full {@code postgres://user:pass@host:port/db?sslmode=…} URL, honoured whole (Go EPR used only host and port). */
public record PgConfig(String host, int port, String database, String user, String password, String sslMode) {

  public static PgConfig fromUrl(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EPR_DB is not a URL: " + e.getMessage());
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("EPR_DB must look like postgres://user:password@host:5432/database, got " + url);
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String sslMode = "disable";
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        if (kv.startsWith("sslmode=")) {
          sslMode = decode(kv.substring("sslmode=".length()));
        }
      }
    }
    return new PgConfig(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.isEmpty() ? "postgres" : decode(path),
        user, password, sslMode);
  }

  /**
   * No reconnect attempts: while the database is down a request that needs a new connection fails at once (a 503) and
   * the pool tries again for the next one, instead of every request queueing behind seconds of retries. No JIT
   * compilation: this service's statements are short, and a plan whose estimates are off (a table never analyzed) was
   * JIT-compiled at every execution, 0.4 s each, for a statement that then ran in milliseconds.
   */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setSslMode(SslMode.of(sslMode))
        .addProperty("jit", "off")
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(512)
        .setPreparedStatementCacheSqlFilter(sql -> PgConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_FILTER.test(sql)
            && !sql.startsWith(SqlQueries.PLANNED_PER_EXECUTION));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
  }

  /** How the error messages name this database, without the password. */
  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
