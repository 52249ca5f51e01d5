package io.epr.sbom;

import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.ExecutionContext;
import io.epr.model.Cancellation;

/**
 * A JSON schema validation that stops once its request is cancelled: the validator steps into every property and
 * item it validates through {@link #evaluationPathAddLast}, where the cancellation is checked every
 * {@value #CHECK_EVERY} steps (a 50,000-component SBOM takes tens of millions of steps, seconds in all).
 */
final class CancellableValidation extends ExecutionContext {
  private static final int CHECK_EVERY = 1024;

  private final Cancellation cancellation;
  private int steps;

  CancellableValidation(ExecutionConfig config, Cancellation cancellation) {
    super(config);
    this.cancellation = cancellation;
  }

  @Override
  public void evaluationPathAddLast(String property) {
    step();
    super.evaluationPathAddLast(property);
  }

  @Override
  public void evaluationPathAddLast(int item) {
    step();
    super.evaluationPathAddLast(item);
  }

  private void step() {
    if (++steps % CHECK_EVERY == 0) {
      cancellation.throwIfCancelled();
    }
  }
}
