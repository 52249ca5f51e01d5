package io.epr.store;

import io.epr.json.JsonText;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Receivers, events and groups in PostgreSQL. Writes take the connection of the caller's transaction;
 * reads use the pool. Receivers are immutable, so each instance keeps the ones it has seen.
 */
public final class RegistryStore {
  /** The columns a search may filter on, by the GraphQL input field names (which are the column names). */
  public static final Set<String> EVENT_FILTERS =
      Set.of("id", "name", "version", "release", "platform_id", "package", "success", "event_receiver_id");
  public static final Set<String> RECEIVER_FILTERS = Set.of("id", "name", "type", "version");
  public static final Set<String> GROUP_FILTERS = Set.of("id", "name", "type", "version");

  /**
   * A console's search for events: NVRPP fields by prefix, the receiver's type, the outcome and a time range (since
   * inclusive, until exclusive); each null is not constrained. Up to {@code limit} events, newest first, after the
   * event with id {@code after} (null: from the newest).
   */
  public record EventSearch(String name, String version, String release, String platformId, String pkg,
      String receiverType, Boolean success, OffsetDateTime since, OffsetDateTime until, String after, int limit) {}

  /** A group as a gate of one NVRPP: the members whose latest event for it has not succeeded (none: complete). */
  public record Gate(EventReceiverGroup group, List<EventReceiver> missing) {}

  /** A page of an {@link EventSearch}: its events, and the cursor of the next page (null on the last). */
  public record EventPage(List<Event> events, String next) {}

  /**
   * Fewer events than this have a rare prefix: an event_search by it reads them all from the prefix's index (a few
   * milliseconds) rather than walk the newest events for them.
   */
  static final int RARE_PREFIX = 5000;

  /** The LISTEN/NOTIFY channel on which each committed event's id is sent (the live event streams listen). */
  public static final String EVENTS_CHANNEL = "epr_events";

  private final Pool pool;
  private final Map<String, EventReceiver> receivers = new ConcurrentHashMap<>();

  public RegistryStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> ping() {
    return pool.query(SqlQueries.PING).execute().mapEmpty();
  }

  /** Whether the database refuses writes now: a standby, or {@code default_transaction_read_only} on. */
  public Future<Boolean> readOnly() {
    return pool.query(SqlQueries.READ_ONLY).execute().map(rows -> "on".equals(rows.iterator().next().getString(0)));
  }

  // ---- receivers ----

  public Future<EventReceiver> insertReceiver(SqlConnection tx, EventReceiver r) {
    return tx.preparedQuery(SqlQueries.INSERT_RECEIVER)
        .execute(Tuple.of(r.id(), r.name(), r.type(), r.version(), r.description(), r.schema(), r.fingerprint()))
        .map(rows -> new EventReceiver(r.id(), r.name(), r.type(), r.version(), r.description(), r.schema(),
            r.fingerprint(), rows.iterator().next().getOffsetDateTime("created_at")));
  }

  /** The receiver, or null. */
  public Future<EventReceiver> receiver(String id) {
    EventReceiver cached = receivers.get(id);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return pool.preparedQuery(SqlQueries.SELECT_RECEIVER).execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return null;
      }
      EventReceiver r = receiverOf(rows.iterator().next());
      receivers.put(r.id(), r);
      return r;
    });
  }

  public Future<List<EventReceiver>> receivers(Map<String, Object> filter) {
    return search(SqlQueries.SELECT_RECEIVERS, "", filter, RECEIVER_FILTERS).map(rows -> list(rows, RegistryStore::receiverOf));
  }

  public Future<Set<String>> existingReceiverIds(SqlClient client, List<String> ids) {
    return client.preparedQuery(SqlQueries.EXISTING_RECEIVER_IDS)
        .execute(Tuple.tuple().addArrayOfString(ids.toArray(new String[0])))
        .map(rows -> {
          Set<String> found = new java.util.HashSet<>();
          rows.forEach(row -> found.add(row.getString(0)));
          return found;
        });
  }

  // ---- events ----

  public Future<Event> insertEvent(SqlConnection tx, Event e) {
    Nvrpp n = e.nvrpp();
    return tx.preparedQuery(SqlQueries.INSERT_EVENT)
        .execute(Tuple.from(Arrays.asList(e.id(), n.name(), n.version(), n.release(), n.platformId(), n.pkg(),
            e.description(), e.payload(), e.success(), e.receiverId())))
        .map(rows -> new Event(e.id(), n, e.description(), e.payload(), e.success(),
            rows.iterator().next().getOffsetDateTime("created_at"), e.receiverId()));
  }

  /** The event, or null. */
  public Future<Event> event(String id) {
    return pool.preparedQuery(SqlQueries.SELECT_EVENT).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? eventOf(rows.iterator().next()) : null);
  }

  /** The events with these ids that exist, in no particular order. */
  public Future<List<Event>> events(List<String> ids) {
    return pool.preparedQuery(SqlQueries.EVENTS_BY_IDS).execute(Tuple.tuple().addArrayOfString(ids.toArray(new String[0])))
        .map(rows -> list(rows, RegistryStore::eventOf));
  }

  /**
   * After commits: a notification on {@code wakeChannel}, and these events' ids on {@link #EVENTS_CHANNEL} in order;
   * one statement, a transaction of its own.
   */
  public Future<Void> notifyCommitted(String wakeChannel, List<String> eventIds) {
    return pool.preparedQuery(SqlQueries.NOTIFY_COMMITTED)
        .execute(Tuple.of(wakeChannel).addArrayOfString(eventIds.toArray(new String[0]))).mapEmpty();
  }

  public Future<List<Event>> events(Map<String, Object> filter) {
    return search(SqlQueries.SELECT_EVENTS, "", filter, EVENT_FILTERS).map(rows -> list(rows, RegistryStore::eventOf));
  }

  /** The page of events an {@link EventSearch} finds; the next page is after its last event. */
  public Future<EventPage> search(EventSearch q) {
    Lookup lookup = new Lookup().prefix("name", q.name()).prefix("version", q.version())
        .prefix("release", q.release()).prefix("platform_id", q.platformId()).prefix("\"package\"", q.pkg())
        .where(SqlQueries.EVENT_RECEIVER_TYPE, q.receiverType()).equal("success", q.success())
        .where("created_at >= ?", q.since()).where("created_at < ?", q.until())
        .where(SqlQueries.EVENTS_AFTER, q.after());
    return rarePrefix(q).compose(rare -> lookup.run(pool, rare ? SqlQueries.SEARCH_EVENTS_OF_RARE_PREFIX
        : SqlQueries.SEARCH_EVENTS, q.limit() + 1)).map(rows -> {
          List<Event> found = list(rows, RegistryStore::eventOf);
          if (found.size() <= q.limit()) {
            return new EventPage(found, null);
          }
          List<Event> page = List.copyOf(found.subList(0, q.limit()));
          return new EventPage(page, page.get(page.size() - 1).id());
        });
  }

  /** Whether the search's name prefix (else its release prefix) is that of fewer than {@link #RARE_PREFIX} events. */
  private Future<Boolean> rarePrefix(EventSearch q) {
    Lookup prefix = q.name() != null ? new Lookup().prefix("name", q.name())
        : q.release() != null ? new Lookup().prefix("release", q.release()) : null;
    return prefix == null ? Future.succeededFuture(false) : prefix.run(pool, SqlQueries.PREFIX_COUNT)
        .map(rows -> rows.iterator().next().getLong(0) < RARE_PREFIX);
  }

  /** Serialises the gating of these NVRPPs with every other transaction that stores events for them. */
  public Future<Void> lockNvrpps(SqlConnection tx, List<Nvrpp> nvrpps) {
    String[] keys = nvrpps.stream().map(Nvrpp::canonical).distinct().toArray(String[]::new);
    return tx.preparedQuery(SqlQueries.LOCK_NVRPPS).execute(Tuple.tuple().addArrayOfString(keys)).mapEmpty();
  }

  /** Groups that complete for this NVRPP now that the receiver has a new latest event (see SqlQueries.COMPLETED_GROUPS). */
  public Future<List<EventReceiverGroup>> completedGroups(SqlConnection tx, String receiverId, Nvrpp n) {
    return tx.preparedQuery(SqlQueries.COMPLETED_GROUPS)
        .execute(Tuple.of(receiverId, n.name(), n.version(), n.release(), n.platformId(), n.pkg()))
        .map(rows -> list(rows, RegistryStore::groupOf));
  }

  /** Records that these groups completed with these events (provenance lists them per NVRPP). */
  public Future<Void> recordCompletions(SqlConnection tx, List<String> groupIds, List<Event> events) {
    if (groupIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(SqlQueries.INSERT_GROUP_COMPLETIONS).execute(Tuple.tuple()
        .addArrayOfString(groupIds.toArray(new String[0]))
        .addArrayOfString(events.stream().map(Event::id).toArray(String[]::new))
        .addArrayOfString(events.stream().map(e -> e.nvrpp().canonical()).toArray(String[]::new))).mapEmpty();
  }

  /** The groups that completed for this NVRPP, in the order they first did. */
  public Future<List<EventReceiverGroup>> groupsCompletedFor(Nvrpp nvrpp) {
    return pool.preparedQuery(SqlQueries.GROUPS_COMPLETED_FOR).execute(Tuple.of(nvrpp.canonical()))
        .map(rows -> list(rows, RegistryStore::groupOf));
  }

  /**
   * The gates of this NVRPP: every enabled group with a member among the receivers of its events, or that completed
   * for it, judged by the rule the group completes by ({@link SqlQueries#MEMBER_PASSED}); in the groups' order.
   */
  public Future<List<Gate>> gates(Nvrpp n) {
    return pool.preparedQuery(SqlQueries.GATES)
        .execute(Tuple.of(n.canonical(), n.name(), n.version(), n.release(), n.platformId(), n.pkg()))
        .compose(rows -> {
          List<Future<Gate>> gates = new ArrayList<>(rows.size());
          for (Row row : rows) {
            EventReceiverGroup group = groupOf(row);
            List<Future<EventReceiver>> missing = Arrays.stream(row.getArrayOfStrings("missing"))
                .map(this::receiver).toList();
            gates.add(Future.all(missing).map(all -> new Gate(group, all.list())));
          }
          return Future.all(gates).map(all -> all.<Gate>list());
        });
  }

  // ---- groups ----

  public Future<EventReceiverGroup> insertGroup(SqlConnection tx, EventReceiverGroup g) {
    return tx.preparedQuery(SqlQueries.INSERT_GROUP)
        .execute(Tuple.of(g.id(), g.name(), g.type(), g.version(), g.description(), g.enabled()))
        .compose(rows -> {
          OffsetDateTime created = rows.iterator().next().getOffsetDateTime("created_at");
          return tx.preparedQuery(SqlQueries.INSERT_GROUP_MEMBERS)
              .execute(Tuple.tuple().addString(g.id()).addArrayOfString(g.receiverIds().toArray(new String[0])))
              .map(done -> new EventReceiverGroup(g.id(), g.name(), g.type(), g.version(), g.description(), g.enabled(),
                  g.receiverIds(), created, created));
        });
  }

  /** The group, or null. */
  public Future<EventReceiverGroup> group(String id) {
    return pool.preparedQuery(SqlQueries.SELECT_GROUP).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? groupOf(rows.iterator().next()) : null);
  }

  public Future<List<EventReceiverGroup>> groups(Map<String, Object> filter) {
    return search(SqlQueries.SELECT_GROUPS, "g.", filter, GROUP_FILTERS).map(rows -> list(rows, RegistryStore::groupOf));
  }

  /** Sets enabled and bumps updated_at; false when there is no such group. */
  public Future<Boolean> setGroupEnabled(SqlConnection tx, String id, boolean enabled) {
    return tx.preparedQuery(SqlQueries.SET_GROUP_ENABLED).execute(Tuple.of(id, enabled))
        .map(rows -> rows.rowCount() > 0);
  }

  // ---- rows ----

  /** Exact, case-sensitive equality on each given column, ANDed; an explicit null matches nothing (as in EPR). */
  private Future<RowSet<Row>> search(String select, String alias, Map<String, Object> filter, Set<String> allowed) {
    List<Object> params = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    filter.forEach((column, value) -> {
      if (!allowed.contains(column)) {
        throw new IllegalArgumentException("not a filter: " + column);
      }
      if (value == null) {
        conditions.add("false");
      } else {
        params.add(value);
        conditions.add(alias + quote(column) + " = $" + params.size());
      }
    });
    String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
        + " ORDER BY " + alias + "created_at, " + alias + "id";
    return pool.preparedQuery(sql).execute(Tuple.from(params));
  }

  private static String quote(String column) {
    return "package".equals(column) ? "\"package\"" : column;
  }

  private static <T> List<T> list(RowSet<Row> rows, java.util.function.Function<Row, T> of) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(of.apply(row)));
    return out;
  }

  private static EventReceiver receiverOf(Row row) {
    return new EventReceiver(row.getString("id"), row.getString("name"), row.getString("type"), row.getString("version"),
        row.getString("description"), JsonText.compact(row.getString("schema")), row.getString("fingerprint"),
        row.getOffsetDateTime("created_at"));
  }

  static Event eventOf(Row row) {
    return new Event(row.getString("id"),
        new Nvrpp(row.getString("name"), row.getString("version"), row.getString("release"), row.getString("platform_id"),
            row.getString("package")),
        row.getString("description"), JsonText.compact(row.getString("payload")), row.getBoolean("success"),
        row.getOffsetDateTime("created_at"), row.getString("event_receiver_id"));
  }

  private static EventReceiverGroup groupOf(Row row) {
    return new EventReceiverGroup(row.getString("id"), row.getString("name"), row.getString("type"),
        row.getString("version"), row.getString("description"), row.getBoolean("enabled"),
        Arrays.stream(row.getArrayOfStrings("event_receiver_ids")).collect(Collectors.toList()),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }
}
