package io.epr.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.epr.json.EprJson;
import io.epr.store.OutboxRecord;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers CDEvents to a CDViz collector's webhook ({@code POST /webhook/{id}}): one bare CDEvent JSON per request,
 * with the CloudEvents binary-mode headers, an optional bearer token and an optional HMAC-SHA256 body signature.
 * The collector answers 201 once the event is valid and queued; re-sends are harmless because CDViz stores an event
 * once per (context.id, subject, timestamp).
 */
public final class CdvizSink implements Sink {
  public static final String NAME = OutboxRecord.CDVIZ;
  public static final String SIGNATURE_HEADER = "X-Signature-256";
  static final int MAX_IN_FLIGHT = 16;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_ERROR_BODY = 500;
  private static final String CE_HEADER_PREFIX = "ce_";
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final WebClient client;
  private final String url;
  private final String authorization;
  private final SecretKeySpec signingKey;
  private final long timeoutMillis;
  private final int maxAttempts;

  /**
   * @param url the collector's webhook, e.g. {@code http://localhost:8090/webhook/000-cdevents}
   * @param bearerToken sent as {@code Authorization: Bearer <token>}; null or blank for none
   * @param hmacSecret signs each body into {@code X-Signature-256: sha256=<hex>}; null or blank for none
   * @param maxAttempts deliveries tried before a record that keeps failing becomes a dead letter
   */
  public CdvizSink(Vertx vertx, String url, String bearerToken, String hmacSecret, int maxAttempts) {
    this(vertx, url, bearerToken, hmacSecret, maxAttempts, REQUEST_TIMEOUT);
  }

  CdvizSink(Vertx vertx, String url, String bearerToken, String hmacSecret, int maxAttempts, Duration timeout) {
    this.url = checkedUrl(url);
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("epr-cdviz-sink"),
        new PoolOptions().setHttp1MaxSize(MAX_IN_FLIGHT));
    this.authorization = isBlank(bearerToken) ? null : "Bearer " + bearerToken;
    this.signingKey = isBlank(hmacSecret) ? null
        : new SecretKeySpec(hmacSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.timeoutMillis = timeout.toMillis();
    this.maxAttempts = maxAttempts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public Future<List<Outcome>> deliver(List<OutboxRecord> records) {
    List<Promise<Outcome>> outcomes = new ArrayList<>(records.size());
    records.forEach(r -> outcomes.add(Promise.promise()));
    AtomicInteger next = new AtomicInteger();
    for (int lane = 0; lane < Math.min(MAX_IN_FLIGHT, records.size()); lane++) {
      postNext(records, outcomes, next);
    }
    return Future.all(outcomes.stream().map(Promise::future).toList())
        .map(all -> outcomes.stream().map(p -> p.future().result()).toList());
  }

  /** One lane of at most {@link #MAX_IN_FLIGHT}: posts the next record not yet taken, then the one after. */
  private void postNext(List<OutboxRecord> records, List<Promise<Outcome>> outcomes, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= records.size()) {
      return;
    }
    post(records.get(i)).onComplete(outcome -> {
      outcomes.get(i).complete(outcome.result());
      postNext(records, outcomes, next);
    });
  }

  private Future<Outcome> post(OutboxRecord record) {
    byte[] body;
    MultiMap headers;
    try {
      body = record.payload().getBytes(StandardCharsets.UTF_8);
      headers = headers(record, body);
    } catch (IOException | RuntimeException e) {
      // a lane that threw would never complete the delivery, and the dispatcher would wait on it forever
      return Future.succeededFuture(Outcome.dead("record cannot be sent: " + e));
    }
    return client.postAbs(url).timeout(timeoutMillis).putHeaders(headers).sendBuffer(Buffer.buffer(body))
        .map(CdvizSink::outcomeOf)
        .otherwise(e -> Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage()));
  }

  private MultiMap headers(OutboxRecord record, byte[] body) throws IOException {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .set("Content-Type", "application/json")
        .set("Accept", "application/json");
    if (record.headers() != null) {
      EprJson.MAPPER.readValue(record.headers(), HEADERS).forEach((name, value) -> {
        if (name.startsWith(CE_HEADER_PREFIX)) {
          headers.set("ce-" + name.substring(CE_HEADER_PREFIX.length()), value);
        }
      });
    }
    if (authorization != null) {
      headers.set("Authorization", authorization);
    }
    if (signingKey != null) {
      headers.set(SIGNATURE_HEADER, "sha256=" + hmacHex(body));
    }
    return headers;
  }

  private String hmacHex(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(signingKey);
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /**
   * Retried like the collector's own HTTP sink does: timeouts, rate limits and server errors are transient. Any other
   * status (a 4xx: invalid event, wrong credentials, wrong webhook id; or a redirect) is not fixed by sending again.
   */
  private static Outcome outcomeOf(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Outcome.DELIVERED;
    }
    String error = describe(status, response.bodyAsString());
    return status == 408 || status == 429 || status >= 500 ? Outcome.retry(error) : Outcome.dead(error);
  }

  private static String describe(int status, String body) {
    if (body == null || body.isBlank()) {
      return "HTTP " + status;
    }
    String text = body.strip();
    return "HTTP " + status + ": " + (text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "…" : text);
  }

  /** A URL the client cannot use fails at startup, not as records that can never leave the outbox. */
  private static String checkedUrl(String url) {
    URI uri = URI.create(url);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    return url;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public void close() {
    client.close();
  }
}
