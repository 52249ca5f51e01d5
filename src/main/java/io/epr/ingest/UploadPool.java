package io.epr.ingest;

import io.epr.model.Cancellation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where SBOMs are read and validated: threads of their own (EPR_MAX_UPLOADS of them), not Vert.x's shared worker
 * pool, which event ingest validates payloads on; twenty uploads at once once made every event POST wait until its
 * timeout. As many uploads as there are threads may wait for one; an upload beyond that is refused at once, busy,
 * rather than queued behind work that may outlast its own timeout. Work that waited past its request's cancellation
 * does not start.
 */
public final class UploadPool {
  /** What a refused upload is told to wait: about what reading a large document takes. */
  private static final int RETRY_AFTER_SECONDS = 5;

  private final WorkerExecutor threads;
  private final int size;
  private final AtomicInteger admitted = new AtomicInteger();

  /** {@code timeout}: EPR_UPLOAD_TIMEOUT, after which Vert.x reports a reader still at work as blocked. */
  public UploadPool(Vertx vertx, int size, Duration timeout) {
    this.threads = vertx.createSharedWorkerExecutor("epr-sbom-reader", size, timeout.toMillis(),
        TimeUnit.MILLISECONDS);
    this.size = size;
  }

  /** Runs {@code read} on a reader thread, or fails with {@link UploadsBusyException} when none is free soon. */
  <T> Future<T> read(Cancellation cancellation, Callable<T> read) {
    if (admitted.incrementAndGet() > 2 * size) {
      admitted.decrementAndGet();
      return Future.failedFuture(new UploadsBusyException("service busy: " + size + " uploads (SBOMs, test reports) are being read and "
          + size + " more wait, as many as EPR_MAX_UPLOADS=" + size + " allows; send it again in "
          + RETRY_AFTER_SECONDS + " s (Retry-After)", RETRY_AFTER_SECONDS));
    }
    return threads.<T>executeBlocking(() -> {
      cancellation.throwIfCancelled();
      return read.call();
    }, false).andThen(done -> admitted.decrementAndGet());
  }
}
