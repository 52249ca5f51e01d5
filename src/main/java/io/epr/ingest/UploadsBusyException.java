package io.epr.ingest;

/** Every upload reader (SBOMs, test reports) is busy and the queue is full: answered 503 with Retry-After, the client sends it again. */
public final class UploadsBusyException extends RuntimeException {
  private final int retryAfterSeconds;

  UploadsBusyException(String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
