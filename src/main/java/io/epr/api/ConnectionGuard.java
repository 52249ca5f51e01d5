package io.epr.api;

import io.epr.api.http.ErrorResponses;
import io.epr.config.EprConfig;
import io.epr.metrics.EprMetrics;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits HTTP connections: at most EPR_MAX_CONNECTIONS open at once, counted over every instance of the HTTP verticle
 * (one guard serves them all); one more is answered 503 with Retry-After and closed at once, and counted in
 * {@code epr_connections_refused_total}. Each connection admitted gets its deadlines ({@link ConnectionDeadlines}).
 *
 * <p>Vert.x offers neither a cap nor a header deadline, so this reaches the connection's Netty channel through
 * Vert.x's {@code ConnectionBase}, which every Vert.x 5 connection is. A TLS connection reaches the guard once its
 * handshake is done; the handshake itself has Vert.x's bound (10 s).
 */
public final class ConnectionGuard {
  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final Duration header;
  private final Duration unread;
  private final EprMetrics metrics;
  private final ErrorResponses full;

  public ConnectionGuard(EprConfig config, EprMetrics metrics) {
    this.max = config.maxConnections();
    this.header = config.headerTimeout();
    this.unread = config.idleTimeout();
    this.metrics = metrics;
    this.full = new ErrorResponses(503, "service unavailable: the server has " + max + " open connections, its limit "
        + "(EPR_MAX_CONNECTIONS); try again shortly", 1);
    metrics.openConnections(open);
  }

  /** The server's connection handler: on the new connection's event loop, before it has read anything. */
  void admit(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      metrics.connectionRefused();
      channel.config().setAutoRead(false);
      ConnectionDeadlines.sendAndClose(full, channel, "Service Unavailable");
      return;
    }
    channel.closeFuture().addListener(closed -> open.decrementAndGet());
    ConnectionDeadlines.install(channel.pipeline(), header, unread, metrics);
  }
}
