package io.epr.model;

/**
 * Whether the client that some work is done for still waits for its answer. A request that runs out of time is
 * cancelled: work that has not reached its commit stops there and stores nothing, so the client can be told so and
 * may safely send the request again. A commit already under way cannot be called back; the timeout then waits for its
 * outcome, which is the answer (see {@link #cancel}). One request may commit several times (GraphQL mutations run one
 * after the other); each commit is gated the same way.
 */
public final class Cancellation {
  private enum State { WORKING, COMMITTING, CANCELLED }

  private State state = State.WORKING;
  private boolean committedSome;
  private boolean timedOut;
  private String why = "cancelled";

  /** For work that no client waits on with a deadline (start-up, tests). */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** For a request: cancelled when its time runs out or its client goes away. */
  public Cancellation() {}

  /**
   * The client's time is up ({@code why}: the first words of the answer, e.g. that no answer came in time): work not
   * yet committing stops. True when nothing of the work was committed, and {@link #failure} says so; false when a
   * commit is under way or done, whose outcome is then the answer.
   */
  public synchronized boolean cancel(String why) {
    this.why = why;
    timedOut = true;
    if (state == State.COMMITTING) {
      return false;
    }
    state = State.CANCELLED;
    return !committedSome;
  }

  public synchronized boolean cancelled() {
    return state == State.CANCELLED;
  }

  /** Throws {@link CancelledException} once cancelled: work checks this where stopping leaves nothing half done. */
  public void throwIfCancelled() {
    if (cancelled()) {
      throw failure();
    }
  }

  /** What the work fails with once cancelled: why, and whether part of it had been stored before. */
  public synchronized CancelledException failure() {
    return new CancelledException(why + (committedSome
        ? "; it was stopped after part of it was stored (what its answer holds), so send only the rest again"
        : "; the request was stopped before it changed anything, so it can be sent again"));
  }

  /** Right before a commit is sent: false when the work was cancelled (the transaction must roll back instead). */
  public synchronized boolean beginCommit() {
    if (state != State.WORKING) {
      return false;
    }
    state = State.COMMITTING;
    return true;
  }

  /** The commit begun with {@link #beginCommit} succeeded. */
  public synchronized void committed() {
    if (state == State.COMMITTING) {
      state = State.WORKING;
      committedSome = true;
    }
  }

  /**
   * The commit begun with {@link #beginCommit} did not happen (the transaction failed, or was rolled back for another
   * request sharing it): the work may try again, unless the client's time ran out meanwhile.
   */
  public synchronized void commitFailed() {
    if (state == State.COMMITTING) {
      state = timedOut ? State.CANCELLED : State.WORKING;
    }
  }

  /** What cancelled work fails with: the answer the client was given (or would be given) instead. */
  public static final class CancelledException extends RuntimeException {
    public CancelledException(String message) {
      super(message, null, false, false);
    }
  }
}
