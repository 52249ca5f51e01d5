package io.epr.watcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A URL that messages are POSTed to as JSON, retried with backoff until it answers 2xx. */
final class Webhook {
  private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** The last HTTP status (0 when the target never answered) and how many POSTs it took. */
  record Delivery(int status, int attempts) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI url;
  private final Backoff retry;

  Webhook(URI url, Backoff retry) {
    this.url = url;
    this.retry = retry;
  }

  URI url() {
    return url;
  }

  Delivery post(String json) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      int status = postOnce(json);
      if (status >= 200 && status < 300 || attempt == retry.attempts()) {
        return new Delivery(status, attempt);
      }
      LOG.warn("webhook {} attempt {}: {}", url, attempt, status == 0 ? "no answer" : "HTTP " + status);
      Thread.sleep(retry.pauseAfter(attempt).toMillis());
    }
  }

  private int postOnce(String json) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      LOG.debug("webhook {} unreachable", url, e);
      return 0;
    }
  }
}
