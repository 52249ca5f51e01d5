package io.epr.store;

import io.epr.model.Event;
import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds (NVRPPs) compared: the packages their SBOMs list that one has and the other not, or in another version
 * or license ({@link SqlQueries#COMPONENT_CHANGES}), and the events each has that the other has not — events of a
 * receiver type and outcome the other build has no event of.
 */
public final class BuildComparisons {
  /**
   * A package listed by one build's SBOMs or both: its versions and licenses in each, null for a build that does not
   * list it (versions as one text, joined by ", " when a build lists several).
   */
  public record ComponentChange(String name, String group, String purl, String aVersion, String bVersion,
      List<String> aLicenses, List<String> bLicenses) {}

  public record Comparison(List<ComponentChange> added, List<ComponentChange> removed, List<ComponentChange> changed,
      List<Event> eventsOnlyInA, List<Event> eventsOnlyInB) {}

  private final Pool pool;

  public BuildComparisons(Pool pool) {
    this.pool = pool;
  }

  public Future<Comparison> compare(Nvrpp a, Nvrpp b) {
    Future<List<Row>> changes = pool.preparedQuery(SqlQueries.COMPONENT_CHANGES)
        .execute(Tuple.of(a.canonical(), b.canonical())).map(rows -> {
          List<Row> out = new ArrayList<>(rows.size());
          rows.forEach(out::add);
          return out;
        });
    Future<List<Event>> onlyInA = eventsOnlyIn(a, b);
    Future<List<Event>> onlyInB = eventsOnlyIn(b, a);
    return Future.all(changes, onlyInA, onlyInB).map(done -> {
      List<ComponentChange> added = new ArrayList<>();
      List<ComponentChange> removed = new ArrayList<>();
      List<ComponentChange> changed = new ArrayList<>();
      for (Row row : changes.result()) {
        boolean inA = row.getBoolean("in_a");
        boolean inB = row.getBoolean("in_b");
        ComponentChange change = new ComponentChange(row.getString("name"), row.getString("grp"),
            row.getString("purl"), inA ? versions(row, "a_versions") : null, inB ? versions(row, "b_versions") : null,
            inA ? Arrays.asList(row.getArrayOfStrings("a_licenses")) : null,
            inB ? Arrays.asList(row.getArrayOfStrings("b_licenses")) : null);
        (inA && inB ? changed : inA ? removed : added).add(change);
      }
      return new Comparison(added, removed, changed, onlyInA.result(), onlyInB.result());
    });
  }

  /** The events of {@code one} of a receiver type and outcome that no event of {@code other} has. */
  private Future<List<Event>> eventsOnlyIn(Nvrpp one, Nvrpp other) {
    return pool.preparedQuery(SqlQueries.EVENTS_ONLY_IN).execute(Tuple.from(List.of(one.name(), one.version(),
        one.release(), one.platformId(), one.pkg(), other.name(), other.version(), other.release(), other.platformId(),
        other.pkg()))).map(rows -> {
          List<Event> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(RegistryStore.eventOf(row)));
          return out;
        });
  }

  /** The build's versions of a package, joined; null when it lists none. */
  private static String versions(Row row, String column) {
    String[] versions = row.getArrayOfStrings(column);
    return versions.length == 0 ? null : String.join(", ", versions);
  }
}
