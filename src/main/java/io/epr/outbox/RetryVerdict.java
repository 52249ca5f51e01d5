package io.epr.outbox;

import io.epr.outbox.Sink.Outcome;
import io.epr.outbox.SinkStore.Retry;
import io.epr.outbox.SinkStore.Settled;
import java.util.ArrayList;
import java.util.List;

/**
 * What delivering a sink's due retries means for each: delivered ones leave, refused ones and those out of attempts
 * become dead letters, the others wait again with backoff. Each retry stands alone: the log does not wait for it.
 */
record RetryVerdict(List<Settled> settled, int delivered, int retried, String retryError) {

  static RetryVerdict judge(List<Retry> retries, List<Outcome> outcomes, int maxAttempts) {
    List<Settled> settled = new ArrayList<>(retries.size());
    int delivered = 0;
    int retried = 0;
    String retryError = null;
    for (int i = 0; i < retries.size(); i++) {
      Retry r = retries.get(i);
      Outcome o = outcomes.get(i);
      int attempts = r.attempts() + 1;
      switch (o.kind()) {
        case DELIVERED -> {
          delivered++;
          settled.add(new Settled(r.id(), "delivered", attempts, 0, null, null));
        }
        case DEAD -> settled.add(new Settled(r.id(), "dead", attempts, 0, o.error(), null));
        case RETRY -> {
          retryError = retryError == null ? o.error() : retryError;
          if (attempts >= maxAttempts) {
            settled.add(new Settled(r.id(), "dead", attempts, 0, LogVerdict.gaveUp(maxAttempts), o.error()));
          } else {
            retried++;
            settled.add(new Settled(r.id(), "retry", attempts, OutboxDispatcher.backoffSeconds(attempts), null,
                o.error()));
          }
        }
      }
    }
    return new RetryVerdict(settled, delivered, retried, retryError);
  }
}
