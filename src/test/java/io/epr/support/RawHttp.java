package io.epr.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written byte for byte over a socket: requests no HTTP client would send (a request line or headers over
 * the server's limits, broken percent-encoding, a body that stops half-way).
 */
public final class RawHttp {
  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** The response's status and body. */
  public record Response(int status, String body) {}

  /**
   * Sends {@code request}, then waits up to {@code waitMs} for the whole response (the server closing the connection,
   * or a Content-Length's worth of body); keeps the connection open meanwhile, as a slow client would.
   */
  public Response exchange(byte[] request, int waitMs) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(waitMs);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response exchange(String request, int waitMs) {
    return exchange(request.getBytes(StandardCharsets.ISO_8859_1), waitMs);
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        received.write(buffer, 0, n);
        if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException stopped) {
      // what arrived so far is the answer (or there is none)
    }
    String text = received.toString(StandardCharsets.UTF_8);
    java.util.regex.Matcher statusLine = java.util.regex.Pattern.compile("HTTP/\\d\\.\\d (\\d{3}) ").matcher(text);
    if (!statusLine.lookingAt()) {
      return new Response(-1, text);
    }
    int headersEnd = text.indexOf("\r\n\r\n");
    return new Response(Integer.parseInt(statusLine.group(1)), headersEnd < 0 ? "" : text.substring(headersEnd + 4));
  }

  /** {@code text}: the bytes so far, one char each. */
  private static boolean complete(String text) {
    int headersEnd = text.indexOf("\r\n\r\n");
    if (headersEnd < 0) {
      return false;
    }
    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
        .matcher(text.substring(0, headersEnd));
    return length.find() && text.length() - headersEnd - 4 >= Integer.parseInt(length.group(1));
  }
}
