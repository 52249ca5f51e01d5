package io.epr.api.rest;

import io.epr.model.Sha256;
import io.epr.api.http.BodyWork;
import io.epr.api.http.RequestTimeouts;
import io.epr.ingest.Caller;
import io.epr.ingest.InvalidInputException;
import io.epr.model.IdempotencyKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code Idempotency-Key} header of a REST create (IETF draft-ietf-httpapi-idempotency-key-header): the key, and
 * the SHA-256 of the request it came with (method, path, query and body), so that a retry can be told from another
 * request sent under the same key.
 */
final class IdempotencyKeys {
  static final String HEADER = "Idempotency-Key";
  /** Set on an answer that repeats the answer given to an earlier request with the same key. */
  static final String REPLAYED = "Idempotent-Replayed";
  private static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  /** The client of this create, with its key when it sent one. */
  static Future<Caller> caller(RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      return Future.succeededFuture(RequestTimeouts.caller(ctx));
    }
    String problem = problem(key);
    if (problem != null) {
      return Future.failedFuture(new InvalidInputException(problem));
    }
    String endpoint = ctx.request().method().name() + " " + ctx.normalizedPath();
    String query = ctx.request().query();
    String target = endpoint + "?" + (query == null ? "" : query);
    Buffer body = ctx.body().buffer();
    Future<String> sha256 = BodyWork.on(ctx, body == null ? 0 : body.length(), () -> requestSha256(target, body));
    return sha256.map(sha -> new Caller(RequestTimeouts.cancellation(ctx), new IdempotencyKey(endpoint, key, sha)));
  }

  private static String problem(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return HEADER + " must be 1 to " + MAX_LENGTH + " characters long, got " + key.length()
          + " (a random UUID makes a good key)";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return HEADER + " may hold only visible ASCII characters; character " + (i + 1) + " is "
            + String.format("U+%04X", (int) c) + " (a random UUID makes a good key)";
      }
    }
    return null;
  }

  /** Of the method, path and query ({@code target}) and the body. */
  private static String requestSha256(String target, Buffer body) {
    MessageDigest sha256 = Sha256.digest();
    sha256.update((target + "\n").getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      sha256.update(body.getBytes());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
