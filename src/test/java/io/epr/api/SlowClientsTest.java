package io.epr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections by being slow, over real sockets: trickled headers (slowloris), idle connections, a
 * body sent a byte at a time, a response never read, and more connections than allowed. The service here runs with
 * EPR_HEADER_TIMEOUT and EPR_IDLE_TIMEOUT at 2 s and EPR_REQUEST_TIMEOUT at 5 s; the cap has a service of its own.
 */
class SlowClientsTest {
  private static final int HEADER_TIMEOUT_MS = 2000;
  private static final String READINESS = "/healthz/readiness";
  private static final String SLOW_READS_CUT = "epr_connections_timed_out_total{deadline=\"unread_response\"}";
  private static EprTestServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_HEADER_TIMEOUT", "2", "EPR_IDLE_TIMEOUT", "2",
        "EPR_REQUEST_TIMEOUT", "5"));
    http = server.http;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A thousand connections trickling their headers a byte every half second are each answered 408 and closed about
   * EPR_HEADER_TIMEOUT after they opened, while a normal client is answered throughout.
   */
  @Test
  void tricklingHeadersAreCutOffAtTheHeaderTimeoutWhileOthersAreAnswered() throws Exception {
    int count = 1000;
    ReadinessProbe probe = new ReadinessProbe();
    probe.start();
    List<Trickler> tricklers = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < count; i++) {
        tricklers.add(new Trickler(selector, server.port));
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      long nextByte = 0;
      while (tricklers.stream().anyMatch(t -> t.closedAt == 0) && System.nanoTime() < deadline) {
        if (System.nanoTime() >= nextByte) {
          tricklers.forEach(Trickler::sendOneByte);
          nextByte = System.nanoTime() + 500_000_000L;
        }
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          ((Trickler) key.attachment()).read();
        }
        selector.selectedKeys().clear();
      }
    } finally {
      probe.stop();
      tricklers.forEach(Trickler::close);
    }

    List<Long> openMs = tricklers.stream().filter(t -> t.closedAt > 0)
        .map(t -> (t.closedAt - t.openedAt) / 1_000_000).sorted().toList();
    assertEquals(count, openMs.size(), "connections still open after 30 s: " + (count - openMs.size()));
    long allClosedMs = (tricklers.stream().mapToLong(t -> t.closedAt).max().orElseThrow()
        - tricklers.stream().mapToLong(t -> t.openedAt).min().orElseThrow()) / 1_000_000;
    System.out.printf("slowloris: %d connections each closed %d to %d ms after it opened (median %d), all %d ms after "
            + "the first opened; readiness answered %d times meanwhile, median %d ms, max %d ms%n", count, openMs.get(0),
        openMs.get(count - 1), openMs.get(count / 2), allClosedMs, probe.latenciesMs.size(), probe.median(), probe.max());
    assertTrue(openMs.get(0) >= HEADER_TIMEOUT_MS - 100, "one closed after " + openMs.get(0) + " ms");
    assertTrue(openMs.get(count - 1) < HEADER_TIMEOUT_MS + 8000, "one closed after " + openMs.get(count - 1) + " ms");
    for (Trickler t : tricklers) {
      String answer = t.received.toString(StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer);
      assertTrue(answer.endsWith("{\"data\":null,\"errors\":[\"request timeout: the request line and headers did not "
          + "arrive within 2 s (EPR_HEADER_TIMEOUT)\"]}\n"), answer);
    }
    assertEquals(List.of(), probe.failures);
    assertTrue(probe.latenciesMs.size() >= 10, "readiness answered " + probe.latenciesMs.size() + " times");
    assertTrue(probe.max() < 5000, "readiness took up to " + probe.max() + " ms");
    assertTrue(metric("epr_connections_timed_out_total{deadline=\"header\"}") >= count);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      Ending end = Ending.of(socket, 15_000);

      assertTrue(end.closed, "still open after 15 s");
      assertEquals("", end.received);
      assertTrue(end.afterMs >= HEADER_TIMEOUT_MS - 100 && end.afterMs < HEADER_TIMEOUT_MS + 3000, end.afterMs + " ms");
    }
  }

  /** An idle keep-alive connection is closed EPR_HEADER_TIMEOUT after its last answer, with nothing sent. */
  @Test
  void aKeepAliveConnectionIdlePastTheHeaderTimeoutIsClosed() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      send(socket, "GET /healthz/liveness HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, readResponse(socket.getInputStream()).status);
      send(socket, "GET /healthz/liveness HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals(200, readResponse(socket.getInputStream()).status, "the connection is kept between requests");

      Ending end = Ending.of(socket, 15_000);

      assertTrue(end.closed, "still open after 15 s");
      assertEquals("", end.received, "no answer to a request never begun");
      assertTrue(end.afterMs >= HEADER_TIMEOUT_MS - 100 && end.afterMs < HEADER_TIMEOUT_MS + 3000, end.afterMs + " ms");
    }
  }

  /**
   * A body sent a byte every 100 ms is answered 503 at EPR_REQUEST_TIMEOUT (5 s here), and the connection is closed
   * within EPR_HEADER_TIMEOUT after that answer, while the client is still sending.
   */
  @Test
  void aSlowBodyGets503AtTheRequestTimeoutAndItsConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      long start = System.nanoTime();
      send(socket, "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 300\r\n\r\n");
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 300 && sending.get(); i++) {
            socket.getOutputStream().write(' ');
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException stopped) {
          // the server closed the connection
        }
      });
      trickle.start();
      Response answer = readResponse(socket.getInputStream());
      long answeredMs = (System.nanoTime() - start) / 1_000_000;
      Ending end = Ending.of(socket, 15_000);
      sending.set(false);
      trickle.join();

      System.out.printf("slow body: 503 after %d ms, connection closed %d ms later%n", answeredMs, end.afterMs);
      assertEquals(503, answer.status, answer.body);
      assertTrue(answer.body.contains("no answer within 5 s (EPR_REQUEST_TIMEOUT)"), answer.body);
      assertTrue(answeredMs >= 5000 && answeredMs < 10_000, answeredMs + " ms");
      assertTrue(end.closed, "still open 15 s after the 503, the body still coming");
      assertTrue(end.afterMs < HEADER_TIMEOUT_MS + 3000, "closed " + end.afterMs + " ms after the 503");
    }
  }

  /**
   * A request sent with {@code Expect: 100-continue} (curl does so for large uploads) is told to go on, then sends its
   * body for longer than EPR_HEADER_TIMEOUT: the 100 Continue is not its answer, so its connection is not cut; it gets
   * its real answer.
   */
  @Test
  void aRequestThatWasToldToContinueGetsItsAnswerAfterTheHeaderTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port)) {
      socket.setSoTimeout(10_000);
      send(socket, "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: 30\r\n\r\n");
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream interim = new ByteArrayOutputStream();
      while (!interim.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        interim.write(in.read());
      }
      assertTrue(interim.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100 "), interim.toString());
      long start = System.nanoTime();
      for (int i = 0; i < 30; i++) {
        socket.getOutputStream().write(' ');
        Thread.sleep(100);
      }
      Response answer = readResponse(in);
      System.out.printf("100 Continue, then a body over %d ms: answered %d%n",
          (System.nanoTime() - start) / 1_000_000, answer.status);
      assertEquals(400, answer.status, "the body (blank) is answered, not cut off: " + answer.body);
      assertTrue(answer.body.contains("invalid input: EOF"), answer.body);
    }
  }

  /**
   * A client that asks for an 18 MB answer and reads none of it: once the socket buffers are full and less than 1 KiB
   * a second is taken over EPR_IDLE_TIMEOUT (2 s here), the connection is reset and the rest of the answer dropped.
   */
  @Test
  void aClientThatStopsReadingAResponseIsCutOff() throws Exception {
    String receiver = http.post("/api/v1/receivers", Bodies.receiver("slow-read", "slow.read")).id();
    ObjectNode event = Bodies.event(receiver, "slow-read", "r");
    event.putObject("payload").put("blob", "x".repeat(900_000));
    for (int i = 0; i < 20; i++) {
      http.post("/api/v1/events", event.put("version", String.valueOf(i))).id();
    }
    String query = "{\"query\":\"{ events(event: {name: \\\"slow-read\\\"}) { id payload } }\"}";
    double cutBefore = metric(SLOW_READS_CUT);
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port));
      long start = System.nanoTime();
      send(socket, "POST /api/v1/graphql/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + query.length() + "\r\n\r\n" + query);
      while (metric(SLOW_READS_CUT) == cutBefore && System.nanoTime() - start < 30_000_000_000L) {
        Thread.sleep(200);
      }
      long cutMs = (System.nanoTime() - start) / 1_000_000;
      Ending end = Ending.of(socket, 10_000);
      System.out.printf("slow read: connection cut %d ms after the request; %d bytes of the 18 MB answer taken%n",
          cutMs, end.received.length());

      assertTrue(cutMs < 30_000, "not cut after 30 s");
      assertTrue(end.closed, "the connection was not ended");
      assertTrue(end.received.length() < 1_000_000, "a reset drops what the socket held too, but "
          + end.received.length() + " bytes came after the cut");
    }
  }

  /**
   * A client that takes its answer steadily but slowly, 1,200 bytes every 1.5 s (800 bytes a second, as slowhttptest's
   * slow read does with a small receive window): less than 1 KiB a second over EPR_IDLE_TIMEOUT (2 s here), so the
   * connection is reset.
   */
  @Test
  void aClientThatTakesItsAnswerATrickleAtATimeIsCutOff() throws Exception {
    String receiver = http.post("/api/v1/receivers", Bodies.receiver("trickle", "slow.read")).id();
    ObjectNode body = Bodies.event(receiver, "trickle", "r");
    body.putObject("payload").put("blob", "x".repeat(900_000));
    String event = http.post("/api/v1/events", body).id();
    double cutBefore = metric(SLOW_READS_CUT);
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(1024);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port));
      socket.setSoTimeout(1000);
      long start = System.nanoTime();
      send(socket, ("GET /api/v1/events/" + event + " HTTP/1.1\r\nHost: x\r\n\r\n").repeat(20));
      InputStream in = socket.getInputStream();
      byte[] step = new byte[1200];
      long received = 0;
      while (metric(SLOW_READS_CUT) == cutBefore && System.nanoTime() - start < 30_000_000_000L) {
        try {
          for (int got = 0, n; got < step.length && (n = in.read(step, got, step.length - got)) > 0; got += n) {
            received += n;
          }
        } catch (SocketTimeoutException | SocketException stopped) {
          // read again, or see the count
        }
        Thread.sleep(1500);
      }
      long cutMs = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("reader of 800 bytes a second: cut after %d ms, %d bytes taken%n", cutMs, received);
      assertTrue(cutMs < 15_000, "a reader taking 800 bytes a second was still served after " + cutMs + " ms");
    }
  }

  /**
   * Past EPR_MAX_CONNECTIONS a new connection is answered 503 with Retry-After and closed, and counted; the
   * connections already open keep being answered, and once some close, new ones are admitted again.
   */
  @Test
  void connectionsPastTheCapAreRefusedWhileTheOpenOnesAreAnswered() throws Exception {
    int cap = 20;
    try (EprTestServer capped = new EprTestServer(TestBroker.sharedBootstrap(),
        Map.of("EPR_MAX_CONNECTIONS", String.valueOf(cap)))) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          Socket socket = new Socket("127.0.0.1", capped.port);
          open.add(socket);
          assertEquals(200, exchange(socket, "GET " + READINESS + " HTTP/1.1\r\nHost: x\r\n\r\n").status, "#" + i);
        }

        Response refused;
        Ending refusedEnd;
        try (Socket one = new Socket("127.0.0.1", capped.port)) {
          one.setSoTimeout(10_000);
          refused = readResponse(one.getInputStream());
          refusedEnd = Ending.of(one, 5000);
        }
        List<Integer> stillAnswered = new ArrayList<>();
        for (Socket socket : open) {
          stillAnswered.add(exchange(socket, "GET " + READINESS + " HTTP/1.1\r\nHost: x\r\n\r\n").status);
        }
        String metrics = exchange(open.get(0), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").body;
        for (Socket socket : open.subList(0, 5)) {
          socket.close();
        }
        int afterClose = 0;
        for (long end = System.nanoTime() + 5_000_000_000L; afterClose != 200 && System.nanoTime() < end; ) {
          try (Socket again = new Socket("127.0.0.1", capped.port)) {
            afterClose = exchange(again, "GET " + READINESS + " HTTP/1.1\r\nHost: x\r\n\r\n").status;
          }
        }

        assertEquals(503, refused.status, refused.body);
        assertEquals("1", refused.headers.get("retry-after"));
        assertEquals("{\"data\":null,\"errors\":[\"service unavailable: the server has 20 open connections, its limit "
            + "(EPR_MAX_CONNECTIONS); try again shortly\"]}\n", refused.body);
        assertTrue(refusedEnd.closed, "the refused connection is closed");
        assertEquals(Collections.nCopies(cap, 200), stillAnswered);
        assertTrue(metrics.contains("epr_connections_refused_total 1.0"), metrics);
        assertTrue(metrics.contains("epr_connections_open 20.0"), metrics);
        assertEquals(200, afterClose, "a new connection once five closed");
      } finally {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static double metric(String series) {
    Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(http.get("/metrics").body());
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static Response exchange(Socket socket, String request) throws IOException {
    socket.setSoTimeout(10_000);
    send(socket, request);
    return readResponse(socket.getInputStream());
  }

  /** A response's status, lower-cased headers and body, and whether the connection ended before its body did. */
  private record Response(int status, Map<String, String> headers, String body, long bodyBytes, long contentLength,
      boolean ended) {}

  /**
   * Reads one response with a Content-Length, leaving the connection open; stops early at the end of the stream or a
   * read timeout.
   */
  private static Response readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return new Response(-1, Map.of(), head.toString(StandardCharsets.UTF_8), 0, 0, true);
      }
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new java.util.HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
    }
    long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    long read = 0;
    boolean ended = false;
    try {
      while (read < length) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
        if (n < 0) {
          ended = true;
          break;
        }
        read += n;
        if (body.size() < 100_000) {
          body.write(buffer, 0, n);
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      // what came is the answer
    } catch (SocketException reset) {
      ended = true;
    }
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8),
        read, length, ended);
  }

  /** How a connection ended: whether the server closed it within the wait, after how long, and what it sent. */
  private record Ending(boolean closed, long afterMs, String received) {
    static Ending of(Socket socket, int waitMs) throws IOException {
      long start = System.nanoTime();
      socket.setSoTimeout(waitMs);
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      boolean closed;
      try {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
        closed = true;
      } catch (SocketTimeoutException stillOpen) {
        closed = false;
      } catch (SocketException reset) {
        closed = true;
      }
      return new Ending(closed, (System.nanoTime() - start) / 1_000_000, received.toString(StandardCharsets.UTF_8));
    }
  }

  /** A connection that sends a request line and then its headers a byte at a time. */
  private static final class Trickler {
    final SocketChannel channel;
    final long openedAt = System.nanoTime();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    long closedAt;

    Trickler(Selector selector, int port) throws IOException {
      channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      channel.write(ByteBuffer.wrap("GET /healthz/readiness HTTP/1.1\r\nHost: x\r\nX-Slow: "
          .getBytes(StandardCharsets.ISO_8859_1)));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ, this);
    }

    void sendOneByte() {
      if (closedAt == 0) {
        try {
          channel.write(ByteBuffer.wrap(new byte[] {'a'}));
        } catch (IOException closedByServer) {
          read();
        }
      }
    }

    void read() {
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      try {
        for (int n; (n = channel.read(buffer)) != 0; buffer.clear()) {
          if (n < 0) {
            ended();
            return;
          }
          received.write(buffer.array(), 0, n);
        }
      } catch (IOException reset) {
        ended();
      }
    }

    private void ended() {
      if (closedAt == 0) {
        closedAt = System.nanoTime();
      }
      close();
    }

    void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closed either way
      }
    }
  }

  /** GET /healthz/readiness every 100 ms on its own thread, noting each latency and anything but a 200. */
  private static final class ReadinessProbe {
    final List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this::run);

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    private void run() {
      while (running.get()) {
        long start = System.nanoTime();
        try {
          int status = http.get(READINESS).status();
          latenciesMs.add((System.nanoTime() - start) / 1_000_000);
          if (status != 200) {
            failures.add("status " + status);
          }
          Thread.sleep(100);
        } catch (RuntimeException | InterruptedException e) {
          failures.add(e.toString());
        }
      }
    }

    long median() {
      List<Long> sorted = latenciesMs.stream().sorted().toList();
      return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    long max() {
      return latenciesMs.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
  }
}
