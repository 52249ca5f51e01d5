package io.epr.model;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A document's bytes as the parsers read them (the StAX pass, the XSD validator, Jackson and cyclonedx-core-java's
 * parser), a chunk at a time, failing with the request's {@link Cancellation.CancelledException} once it is
 * cancelled: an upload whose client was answered (timeout) or went away stops within one chunk of work, and its
 * thread is free for the next.
 */
public final class CancellableInput extends InputStream {
  private static final int CHUNK = 8192;

  private final ByteArrayInputStream bytes;
  private final Cancellation cancellation;

  public CancellableInput(byte[] document, Cancellation cancellation) {
    this.bytes = new ByteArrayInputStream(document);
    this.cancellation = cancellation;
  }

  @Override
  public int read() {
    cancellation.throwIfCancelled();
    return bytes.read();
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    cancellation.throwIfCancelled();
    return bytes.read(into, offset, Math.min(length, CHUNK));
  }

  @Override
  public int available() {
    return bytes.available();
  }
}
