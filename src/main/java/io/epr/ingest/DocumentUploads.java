package io.epr.ingest;

import io.epr.model.Nvrpp;
import io.vertx.core.Future;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What the documents build jobs post (SBOMs, JUnit reports) share: a document is read on the {@link UploadPool}
 * within the request's cancellation, and stored once per NVRPP and content. Posting the same document again answers
 * the id it was first stored under, also when two posts of it race: the later transaction finds the earlier's row,
 * rolls its event back and answers the earlier id.
 */
final class DocumentUploads {
  /** The id a document of an NVRPP was stored under, by its SHA-256; null when it was not. */
  interface Earlier {
    Future<String> idOf(Nvrpp nvrpp, String sha256);
  }

  private final UploadPool uploads;

  DocumentUploads(UploadPool uploads) {
    this.uploads = uploads;
  }

  /**
   * Reads the document ({@code read}, blocking), then answers the id it was stored under before, or {@code store}s it.
   *
   * @param store stores the document with its event; fails with what {@link #once} fails with when it lost a race
   */
  <T> Future<String> create(Caller caller, Nvrpp nvrpp, Callable<T> read, Function<T, String> sha256, Earlier earlier,
      Function<T, Future<String>> store) {
    return uploads.read(caller.cancellation(), read).compose(document -> {
      String digest = sha256.apply(document);
      return earlier.idOf(nvrpp, digest).compose(existing -> existing != null ? Future.succeededFuture(existing)
          : store.apply(document).recover(e -> e instanceof StoredMeanwhile ? earlier.idOf(nvrpp, digest)
              : Future.failedFuture(e)));
    });
  }

  /** A document's insert, failed when the document was stored meanwhile, so that its event's transaction rolls back. */
  static Future<Void> once(Future<Boolean> inserted, String what) {
    return inserted.map(stored -> {
      if (!stored) {
        throw new StoredMeanwhile(what);
      }
      return null;
    });
  }

  private static final class StoredMeanwhile extends RuntimeException {
    StoredMeanwhile(String what) {
      super("the same " + what + " was stored for this NVRPP meanwhile", null, false, false);
    }
  }
}
