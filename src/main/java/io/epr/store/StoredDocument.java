package io.epr.store;

import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** A document kept exactly as a build job posted it (an SBOM, a test report): its content type and its bytes. */
public record StoredDocument(String contentType, Buffer bytes) {

  /** The id of the row {@code sql} finds by NVRPP and SHA-256 (the same document posted before), or null. */
  static Future<String> idOf(Pool pool, String sql, Nvrpp nvrpp, String sha256) {
    return pool.preparedQuery(sql).execute(Tuple.of(nvrpp.canonical(), sha256))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
  }

  /** The document of the row {@code sql} finds by id (columns content_type and document), or null. */
  static Future<StoredDocument> find(Pool pool, String sql, String id) {
    return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return null;
      }
      Row row = rows.iterator().next();
      return new StoredDocument(row.getString("content_type"), row.getBuffer("document"));
    });
  }
}
