package io.epr.store;

import io.epr.model.Cancellation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A write's transaction whose commit is sent only while every client it is done for still waits for the answer.
 * Work for a client already answered by its timeout is rolled back instead, so that answer (nothing was stored) stays
 * true; once the commit is sent, the timeout waits for its outcome ({@link Cancellation}).
 */
public final class CommitGate {
  private CommitGate() {}

  /**
   * Runs {@code work} in a transaction and commits it only if none of {@code clients} was cancelled by then (else it
   * rolls back and fails with the first cancelled one's {@link Cancellation#failure}); each client learns whether the
   * commit it began happened.
   */
  public static <T> Future<T> transaction(Pool pool, List<Cancellation> clients,
      Function<SqlConnection, Future<T>> work) {
    for (Cancellation client : clients) {
      if (client.cancelled()) {
        return Future.failedFuture(client.failure());
      }
    }
    List<Cancellation> committing = new ArrayList<>(clients.size());
    return pool.<T>withTransaction(tx -> work.apply(tx).compose(result -> {
      for (Cancellation client : clients) {
        if (!client.beginCommit()) {
          return Future.failedFuture(client.failure());
        }
        committing.add(client);
      }
      return Future.succeededFuture(result);
    })).andThen(done -> committing.forEach(done.succeeded() ? Cancellation::committed : Cancellation::commitFailed));
  }

  /** The same for one client. */
  public static <T> Future<T> transaction(Pool pool, Cancellation client, Function<SqlConnection, Future<T>> work) {
    return transaction(pool, List.of(client), work);
  }
}
