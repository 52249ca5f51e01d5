package io.epr.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A reader of GET /api/v1/events/live on a socket of its own, as a browser's fetch() reads it: the response head, then
 * the server-sent events of the chunked body, one at a time as they come. Opening it returns once the stream says it
 * is live (events committed from then on will come); closing it closes the connection. A read waits at most a minute.
 */
public final class LiveStream implements AutoCloseable {
  /** One server-sent event: its type and its data lines joined. */
  public record Sse(String event, String data) {}

  private final Socket socket;
  private final InputStream body;
  private final Map<String, String> headers = new HashMap<>();

  private LiveStream(Socket socket, InputStream raw) throws IOException {
    this.socket = socket;
    String status = line(raw);
    if (!status.startsWith("HTTP/1.1 200 ")) {
      throw new AssertionError("the live stream answered " + status);
    }
    for (String header = line(raw); !header.isEmpty(); header = line(raw)) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    this.body = "chunked".equals(headers.get("transfer-encoding")) ? new Chunks(raw) : raw;
    String first = line(body);
    if (!first.equals(": live")) {
      throw new AssertionError("the stream opened with " + first);
    }
    line(body);
  }

  /** Opens the stream on the server at {@code port}, with a bearer token (null: none). */
  public static LiveStream open(int port, String token) {
    return open(port, token, 0);
  }

  /** With a socket receive buffer of {@code receiveBuffer} bytes (0: the system's), for a client that reads slowly. */
  public static LiveStream open(int port, String token, int receiveBuffer) {
    try {
      Socket socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(60_000);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      out.write(("GET /api/v1/events/live HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
          + "Accept-Encoding: gzip, deflate\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
          + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new LiveStream(socket, new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response header, by its name in lower case; null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The next event (comments such as keepalives skipped); null when the stream ended. */
  public Sse next() {
    try {
      String event = "message";
      StringBuilder data = null;
      while (true) {
        String line = line(body);
        if (line == null) {
          return null;
        }
        if (line.isEmpty()) {
          if (data != null) {
            return new Sse(event, data.toString());
          }
        } else if (line.startsWith("event:")) {
          event = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          String value = line.substring("data:".length()).replaceFirst("^ ", "");
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line without its end (LF or CRLF), as UTF-8; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
      }
      bytes.write(b);
    }
    String line = bytes.toString(StandardCharsets.UTF_8);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** A chunked body, decoded. */
  private static final class Chunks extends InputStream {
    private final InputStream raw;
    private long left;
    private boolean ended;

    Chunks(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      if (ended) {
        return -1;
      }
      if (left == 0) {
        String size = line(raw);
        if (size == null) {
          ended = true;
          return -1;
        }
        if (size.isEmpty()) { // the end of the previous chunk
          size = line(raw);
        }
        left = Long.parseLong(size.split(";")[0].trim(), 16);
        if (left == 0) {
          ended = true;
          return -1;
        }
      }
      int b = raw.read();
      if (b < 0) {
        ended = true;
        return -1;
      }
      left--;
      return b;
    }
  }
}
