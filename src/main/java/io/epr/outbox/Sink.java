package io.epr.outbox;

import io.epr.store.OutboxRecord;
import io.vertx.core.Future;
import java.util.List;

/** Where outbox records go. A sink never throws: each record comes back delivered, to retry, or dead. */
public interface Sink extends AutoCloseable {

  String name();

  /** Deliveries tried before a record that keeps failing with retriable errors becomes a dead letter. */
  int maxAttempts();

  /** One outcome per record, in the same order. */
  Future<List<Outcome>> deliver(List<OutboxRecord> records);

  @Override
  void close();

  record Outcome(Kind kind, String error) {
    public enum Kind { DELIVERED, RETRY, DEAD }

    public static final Outcome DELIVERED = new Outcome(Kind.DELIVERED, null);

    public static Outcome retry(String error) {
      return new Outcome(Kind.RETRY, error);
    }

    public static Outcome dead(String reason) {
      return new Outcome(Kind.DEAD, reason);
    }
  }
}
