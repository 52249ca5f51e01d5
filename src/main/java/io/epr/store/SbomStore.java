package io.epr.store;

import io.epr.json.EprJson;
import io.epr.model.Nvrpp;
import io.epr.sbom.PurlParts;
import io.epr.sbom.SbomComponent;
import io.epr.sbom.SbomDocument;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Stored SBOMs and their component index (tables epr_sboms, epr_sbom_components). */
public final class SbomStore {
  /** Components are written this many rows per statement. */
  private static final int CHUNK = 5000;

  public record Sbom(String id, String specVersion, String serialNumber, int componentCount, OffsetDateTime createdAt) {}

  public record Component(int ordinal, String name, String version, String group, String type, String purl,
      List<String> licenses) {}

  /** A component, and the artifact (NVRPP) whose SBOM contains it and when that SBOM was stored. */
  public record ComponentUse(Component component, String sbomId, Nvrpp artifact, OffsetDateTime createdAt) {}

  /** What a components query asks for; null parts are not constrained. */
  public record ComponentQuery(PurlParts purl, String name, String version, int first) {}

  private final Pool pool;

  public SbomStore(Pool pool) {
    this.pool = pool;
  }

  /** The id of the SBOM already stored for this NVRPP with exactly this document, or null. */
  public Future<String> idOfDocument(Nvrpp nvrpp, String sha256) {
    return StoredDocument.idOf(pool, SqlQueries.SBOM_BY_DOCUMENT, nvrpp, sha256);
  }

  /**
   * Stores the document as posted and indexes its components, in the caller's transaction; false (and nothing
   * written) when this NVRPP has this exact document already.
   */
  public Future<Boolean> insert(SqlConnection tx, String id, Nvrpp nvrpp, String sha256, SbomDocument doc,
      byte[] document) {
    return tx.preparedQuery(SqlQueries.INSERT_SBOM).execute(Tuple.from(Arrays.asList(id, nvrpp.canonical(),
        sha256, doc.format().contentType(), doc.specVersion(), doc.serialNumber(), doc.componentName(),
        doc.componentVersion(), doc.componentPurl(), doc.components().size(), Buffer.buffer(document))))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false) : insertComponents(tx, id, doc));
  }

  private Future<Boolean> insertComponents(SqlConnection tx, String id, SbomDocument doc) {
    Future<Void> done = Future.succeededFuture();
    List<SbomComponent> components = doc.components();
    for (int from = 0; from < components.size(); from += CHUNK) {
      int start = from;
      List<SbomComponent> chunk = components.subList(from, Math.min(components.size(), from + CHUNK));
      done = done.compose(v -> tx.preparedQuery(SqlQueries.INSERT_SBOM_COMPONENTS).execute(columns(id, start, chunk)))
          .mapEmpty();
    }
    return done.map(true);
  }

  /** The content type and the bytes as posted, or null. */
  public Future<StoredDocument> document(String id) {
    return StoredDocument.find(pool, SqlQueries.SBOM_DOCUMENT, id);
  }

  public Future<List<Sbom>> sbomsOf(Nvrpp nvrpp) {
    return pool.preparedQuery(SqlQueries.SBOMS_OF_NVRPP).execute(Tuple.of(nvrpp.canonical())).map(rows -> {
      List<Sbom> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(new Sbom(row.getString("id"), row.getString("spec_version"),
          row.getString("serial_number"), row.getInteger("component_count"), row.getOffsetDateTime("created_at"))));
      return out;
    });
  }

  /** Up to {@code first} components after the one at ordinal {@code after} (-1: from the start). */
  public Future<List<Component>> components(String sbomId, int after, int first) {
    return pool.preparedQuery(SqlQueries.SBOM_COMPONENTS_PAGE).execute(Tuple.of(sbomId, after, first))
        .map(rows -> {
          List<Component> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(component(row)));
          return out;
        });
  }

  /**
   * The components matching the query with the artifacts containing them. A purl matches on type, namespace and
   * name, and on version only when the purl has one (so a version-less purl matches every version).
   */
  public Future<List<ComponentUse>> uses(ComponentQuery q) {
    Lookup lookup = new Lookup();
    if (q.purl() != null) {
      lookup.equal("c.purl_type", q.purl().type()).equal("c.purl_name", q.purl().name())
          .equal("c.purl_namespace", q.purl().namespace() == null ? "" : q.purl().namespace())
          .equal("c.purl_version", q.purl().version());
    }
    return lookup.equal("c.name", q.name()).equal("c.version", q.version())
        .run(pool, SqlQueries.COMPONENT_USES, "c.sbom_id, c.ordinal", q.first()).map(rows -> {
          List<ComponentUse> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(new ComponentUse(component(row), row.getString("sbom_id"), Lookup.artifact(row),
              row.getOffsetDateTime("stored_at"))));
          return out;
        });
  }

  private static Component component(Row row) {
    return new Component(row.getInteger("ordinal"), row.getString("name"), row.getString("version"),
        row.getString("grp"), row.getString("type"), row.getString("purl"), Arrays.asList(row.getArrayOfStrings("licenses")));
  }

  private static Tuple columns(String sbomId, int start, List<SbomComponent> chunk) {
    int n = chunk.size();
    Integer[] ordinal = new Integer[n];
    String[][] text = new String[13][n];
    for (int i = 0; i < n; i++) {
      SbomComponent c = chunk.get(i);
      PurlParts p = c.purlParts();
      ordinal[i] = start + i;
      text[0][i] = c.bomRef();
      text[1][i] = c.type();
      text[2][i] = c.group();
      text[3][i] = c.name() == null ? "" : c.name();
      text[4][i] = c.version();
      text[5][i] = c.purl();
      text[6][i] = p == null ? null : p.type();
      text[7][i] = p == null || p.namespace() == null ? "" : p.namespace();
      text[8][i] = p == null ? null : p.name();
      text[9][i] = p == null ? null : p.version();
      text[10][i] = p == null ? null : p.qualifiers();
      text[11][i] = EprJson.write(g -> EprJson.array(g, c.licenses(), (gen, l) -> gen.writeString(l)));
      text[12][i] = c.hashes().isEmpty() ? null : EprJson.write(g -> {
        g.writeStartObject();
        for (var h : c.hashes().entrySet()) {
          g.writeStringField(h.getKey(), h.getValue());
        }
        g.writeEndObject();
      });
    }
    Tuple t = Tuple.tuple().addString(sbomId).addArrayOfInteger(ordinal);
    for (String[] column : text) {
      t.addArrayOfString(column);
    }
    return t;
  }
}
