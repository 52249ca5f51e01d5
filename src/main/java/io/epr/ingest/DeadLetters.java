package io.epr.ingest;

import io.epr.model.Cancellation;
import io.epr.store.OutboxStore;
import io.vertx.core.Future;

/** A dead letter put back for delivery by the id a client sent, REST and GraphQL alike. */
public final class DeadLetters {
  private DeadLetters() {}

  /** Puts dead letter {@code id} back in the outbox: 1, or a failure saying what is wrong with the id. */
  public static Future<Integer> retry(OutboxStore outbox, String id, Cancellation client) {
    long deadLetterId;
    try {
      deadLetterId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Future.failedFuture(new InvalidInputException("dead letter id must be a number, got '" + id + "'"));
    }
    return outbox.retryDeadLetters(deadLetterId, client).map(count -> {
      if (count == 0) {
        throw new ObjectNotFoundException("deadLetter", id);
      }
      return count;
    });
  }
}
