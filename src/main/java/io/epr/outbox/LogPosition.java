package io.epr.outbox;

import io.vertx.sqlclient.Row;
import java.util.Comparator;

/**
 * A place in the log: the transaction that wrote a record (its xid8) and the record's position in it. Records are read
 * in this order, which no later commit can go before once the transaction is older than every running one.
 */
record LogPosition(long txid, long position) implements Comparable<LogPosition> {
  private static final Comparator<LogPosition> ORDER =
      Comparator.comparingLong(LogPosition::txid).thenComparingLong(LogPosition::position);

  /** The position in {@code row}'s columns {@code txid} (xid8 as text) and {@code position}. */
  static LogPosition of(Row row, String txid, String position) {
    return new LogPosition(Long.parseLong(row.getString(txid)), row.getLong(position));
  }

  String txidText() {
    return Long.toString(txid);
  }

  @Override
  public int compareTo(LogPosition other) {
    return ORDER.compare(this, other);
  }
}
