package io.epr.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CDViz collector stand-in over real HTTP on 127.0.0.1, reproducing the webhook source as cdviz.md §7.1 describes
 * it, in the collector's order: only {@code POST /webhook/{id}} (404 elsewhere, 405 for another method, 200 on
 * {@code /healthz} and {@code /readyz}), 406 when {@code Accept} excludes JSON, 413 over 1 MiB, the configured header
 * rules (401/403, text/plain), 400 text/plain for unparsable JSON, then defaults, validation against the official
 * schemas (400 JSON problem), id sanitizing and an idempotent in-memory lake; 201 with an empty body. Every request is
 * recorded with the status it got. Faults can be injected for a producer's retry tests.
 *
 * <p>Not reproduced: Content-Encoding decompression, the 3 s request timeout (408), and spec 0.3 events (refused here,
 * see {@link CdeventIntake}).
 */
public final class StandInCollector implements AutoCloseable {
  public static final String DEFAULT_WEBHOOK_ID = "000-cdevents";
  public static final String SIGNATURE_HEADER = "X-Signature-256";
  public static final int BODY_LIMIT = 1024 * 1024;
  private static final String HOST = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> JSON_MEDIA_RANGES = Set.of("application/json", "application/*", "*/*");

  private final String webhookPath;
  private final CdeventIntake intake = new CdeventIntake("cdevents_webhook");
  private final CdvizLake lake = new CdvizLake();
  private final List<HeaderRule> rules = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private volatile int failureStatus;
  private volatile int permanentStatus;
  private volatile long delayMillis;
  private final Vertx vertx = Vertx.vertx();
  private HttpServer server;
  private int port;

  /**
   * One request as it arrived, and the status it was answered with (0 when the connection was dropped); the
   * violations say why an event was refused as not a valid CDEvent.
   */
  public record Request(String method, String path, MultiMap headers, byte[] body, int status,
      List<String> violations) {
    public String header(String name) {
      return headers.get(name);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private record Reply(int status, String contentType, String body, List<String> violations) {
    static Reply empty(int status) {
      return new Reply(status, null, "", List.of());
    }

    static Reply text(int status, String text) {
      return new Reply(status, "text/plain; charset=utf-8", text, List.of());
    }

    /** The collector's RFC 9457-ish error body. */
    static Reply problem(int status, String detail, List<String> violations) {
      String detailField = detail == null ? "" : ",\"detail\":\"" + detail + "\"";
      return new Reply(status, "application/json",
          "{\"title\":\"" + status + "\",\"status\":" + status + detailField + ",\"trace_id\":null}", violations);
    }
  }

  /** One of the webhook's {@code [extractor.headers]} rules; every rule must pass. */
  private interface HeaderRule {
    /** Null when the request passes, else the 401 or 403 to answer. */
    Reply check(MultiMap headers, byte[] body);
  }

  public StandInCollector() {
    this(DEFAULT_WEBHOOK_ID);
  }

  public StandInCollector(String webhookId) {
    this.webhookPath = "/webhook/" + webhookId;
  }

  /**
   * Like {@code authorization = { type = "equals", value = token, prefix = "Bearer " }}: 401 when missing, 403 when
   * wrong.
   */
  public StandInCollector requireBearer(String token) {
    String expected = "Bearer " + token;
    rules.add((headers, body) -> {
      String given = headers.get("Authorization");
      if (given == null) {
        return Reply.text(401, "Header validation failed: header 'authorization' is missing");
      }
      return given.equals(expected) ? null
          : Reply.text(403, "Header validation failed: header 'authorization' does not match the expected value");
    });
    return this;
  }

  /**
   * Like {@code x-signature-256 = { type = "signature", token = secret, signature_prefix = "sha256=" }}: HMAC-SHA256 of
   * the raw body, lowercase hex, compared exactly; 401 when missing or different.
   */
  public StandInCollector requireSignature(String secret) {
    rules.add((headers, body) -> {
      String given = headers.get(SIGNATURE_HEADER);
      if (given == null) {
        return Reply.text(401, "Header validation failed: header 'x-signature-256' is missing");
      }
      boolean matches = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
          ("sha256=" + hmacHex(secret, body)).getBytes(StandardCharsets.UTF_8));
      return matches ? null
          : Reply.text(401, "Header validation failed: signature mismatch on header 'x-signature-256'");
    });
    return this;
  }

  /** Listens (again on the same port after {@link #stop}) and returns once it accepts connections. */
  public synchronized StandInCollector start() {
    server = await(vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port))
        .requestHandler(this::handle).listen());
    port = server.actualPort();
    return this;
  }

  /** Stops listening, so a producer's connections are refused, until {@link #start} again. */
  public synchronized void stop() {
    if (server != null) {
      await(server.close());
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
    await(vertx.close());
  }

  /** The webhook URL, e.g. {@code http://127.0.0.1:41234/webhook/000-cdevents}. */
  public String url() {
    return baseUrl() + webhookPath;
  }

  public synchronized String baseUrl() {
    if (port == 0) {
      throw new IllegalStateException("not started");
    }
    return "http://" + HOST + ":" + port;
  }

  /** The next {@code n} webhook requests get {@code status} (e.g. 500 as the collector's problem JSON), unprocessed. */
  public void failNext(int n, int status) {
    failureStatus = status;
    failuresLeft.set(n);
  }

  /** Every webhook request gets {@code status}, unprocessed, until {@link #reset}. */
  public void respondWith(int status) {
    permanentStatus = status;
  }

  /** Every webhook request is answered only after {@code delay}, until {@link #reset}. */
  public void delayResponses(Duration delay) {
    delayMillis = delay.toMillis();
  }

  /** The next {@code n} webhook requests are read, then their connection is closed without an answer. */
  public void dropNext(int n) {
    dropsLeft.set(n);
  }

  /** Clears the injected faults (not the header rules, requests or stored events). */
  public void reset() {
    failuresLeft.set(0);
    dropsLeft.set(0);
    permanentStatus = 0;
    delayMillis = 0;
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The accepted events as stored (id sanitized, defaults filled), each once, in the order first accepted. */
  public List<JsonNode> stored() {
    return lake.events();
  }

  /** What CDViz's database would hold of the accepted events: its views and the DORA formulas. */
  public CdvizLake lake() {
    return lake;
  }

  /** The {@code cdviz.pipelinerun} view over the stored events, by {@code subject.id}. */
  public Map<String, CdvizLake.PipelineRun> pipelineRuns() {
    return lake.pipelineRuns();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/healthz") || path.equals("/readyz")) {
      answer(req, new byte[0], req.method() == HttpMethod.GET ? Reply.empty(200) : Reply.empty(405));
    } else if (!path.equals(webhookPath)) {
      answer(req, new byte[0], Reply.empty(404));
    } else if (req.method() != HttpMethod.POST) {
      answer(req, new byte[0], Reply.empty(405));
    } else if (!acceptsJson(req.headers().getAll("Accept"))) {
      answer(req, new byte[0], Reply.empty(406));
    } else {
      readBody(req, body -> {
        if (body == null) {
          answer(req, new byte[0], Reply.empty(413));
        } else if (delayMillis > 0) {
          vertx.setTimer(delayMillis, t -> webhook(req, body));
        } else {
          webhook(req, body);
        }
      });
    }
  }

  private void webhook(HttpServerRequest req, byte[] body) {
    if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      remember(req, body, 0, List.of());
      req.connection().close();
      return;
    }
    int injected = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : permanentStatus;
    if (injected != 0) {
      answer(req, body, Reply.problem(injected, null, List.of()));
      return;
    }
    for (HeaderRule rule : rules) {
      Reply refused = rule.check(req.headers(), body);
      if (refused != null) {
        answer(req, body, refused);
        return;
      }
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
      if (json == null || json.isMissingNode()) {
        answer(req, body, Reply.text(400, "Failed to parse the request body as JSON: EOF while parsing a value"));
        return;
      }
    } catch (JsonProcessingException e) {
      answer(req, body, Reply.text(400, "Failed to parse the request body as JSON: " + e.getOriginalMessage()));
      return;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    CdeventIntake.Result result = intake.accept(json);
    if (result.event() == null) {
      answer(req, body, Reply.problem(400, "malformed json provided", result.violations()));
      return;
    }
    lake.store(result.event());
    answer(req, body, Reply.empty(201));
  }

  /** The body, or null once it grows beyond {@link #BODY_LIMIT} (the rest is read and dropped). */
  private static void readBody(HttpServerRequest req, Handler<byte[]> then) {
    Buffer body = Buffer.buffer();
    AtomicBoolean tooLarge = new AtomicBoolean();
    req.handler(chunk -> {
      if (tooLarge.get() || body.length() + chunk.length() > BODY_LIMIT) {
        tooLarge.set(true);
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.endHandler(v -> then.handle(tooLarge.get() ? null : body.getBytes()));
  }

  private void answer(HttpServerRequest req, byte[] body, Reply reply) {
    remember(req, body, reply.status(), reply.violations());
    HttpServerResponse response = req.response();
    if (response.closed()) {
      return;
    }
    response.setStatusCode(reply.status());
    if (reply.contentType() != null) {
      response.putHeader("Content-Type", reply.contentType());
    }
    response.end(reply.body());
  }

  private void remember(HttpServerRequest req, byte[] body, int status, List<String> violations) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(req.headers());
    requests.add(new Request(req.method().name(), req.path(), headers, body, status, violations));
  }

  /** No Accept header, or one of its media ranges admits application/json. */
  private static boolean acceptsJson(List<String> accept) {
    if (accept.isEmpty()) {
      return true;
    }
    List<String> ranges = new ArrayList<>();
    accept.forEach(value -> {
      for (String range : value.split(",")) {
        ranges.add(range.split(";")[0].strip().toLowerCase(Locale.ROOT));
      }
    });
    return ranges.stream().anyMatch(JSON_MEDIA_RANGES::contains);
  }

  private static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("stand-in collector did not start or stop in time", e);
    }
  }
}
