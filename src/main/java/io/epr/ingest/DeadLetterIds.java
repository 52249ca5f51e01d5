package io.epr.ingest;

import io.epr.model.Cancellation;
import io.epr.outbox.DeadLetters;
import io.vertx.core.Future;

/** A dead letter put back for delivery by the id a client sent, REST and GraphQL alike. */
public final class DeadLetterIds {
  private DeadLetterIds() {}

  /** Puts dead letter {@code id} back for delivery: 1, or a failure saying what is wrong with the id. */
  public static Future<Integer> retry(DeadLetters deadLetters, String id, Cancellation client) {
    long deadLetterId;
    try {
      deadLetterId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Future.failedFuture(new InvalidInputException("dead letter id must be a number, got '" + id + "'"));
    }
    return deadLetters.retry(deadLetterId, client).map(count -> {
      if (count == 0) {
        throw new ObjectNotFoundException("deadLetter", id);
      }
      return count;
    });
  }
}
