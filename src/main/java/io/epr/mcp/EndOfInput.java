package io.epr.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tells when the host closes our stdin, which is how an MCP host ends a stdio server. */
final class EndOfInput extends FilterInputStream {
  private final Runnable onEnd;

  EndOfInput(InputStream in, Runnable onEnd) {
    super(in);
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    return ended(super.read());
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return ended(super.read(buffer, offset, length));
  }

  private int ended(int result) {
    if (result < 0) {
      onEnd.run();
    }
    return result;
  }
}
