package io.epr.api;

import io.epr.api.http.ErrorResponses;
import io.epr.api.http.RequestTimeouts;
import io.epr.metrics.EprMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The header deadline of one HTTP connection, so that a client cannot hold it by being slow to ask. The line and
 * headers of its next request must arrive within EPR_HEADER_TIMEOUT of the connection's opening, or of the previous
 * response having been sent (slowloris; an idle keep-alive connection too): past it the connection is closed, answered
 * 408 first if part of a request had come. While a request is read or answered, the request timeouts bound it instead
 * ({@link RequestTimeouts}); a client slow to take its answers is {@link SlowReaders}'.
 *
 * <p>It sits in the connection's Netty pipeline between Vert.x's HTTP codec, whose request heads and response ends it
 * sees, and Vert.x's connection; it runs on the connection's event loop. A connection closed with no request to
 * answer (its header deadline passed, or the {@link ConnectionGuard} refused it) is told why below that codec.
 */
final class ConnectionDeadlines extends ChannelDuplexHandler {
  /** Vert.x's names for its handlers in an HTTP/1.x connection's pipeline. */
  static final String HTTP_DECODER = "httpDecoder";
  private static final String VERTX_CONNECTION = "handler";

  private final long headerNanos;
  private final ErrorResponses headerTimedOut;
  private final EprMetrics metrics;
  private final BytesIn bytesIn = new BytesIn();
  private long requests;
  private long answered;
  private boolean readingBody;
  private ScheduledFuture<?> headerDeadline;

  private ConnectionDeadlines(Duration header, EprMetrics metrics) {
    this.headerNanos = header.toNanos();
    this.headerTimedOut = new ErrorResponses(408, "request timeout: the request line and headers did not arrive "
        + "within " + header.toSeconds() + " s (EPR_HEADER_TIMEOUT)");
    this.metrics = metrics;
  }

  /**
   * Puts the header deadline and {@link SlowReaders} ({@code unread}: its window) on a new connection, if Vert.x built
   * its pipeline for HTTP/1.x (the only HTTP it serves).
   */
  static void install(ChannelPipeline pipeline, Duration header, Duration unread, EprMetrics metrics) {
    if (pipeline.get(HTTP_DECODER) != null && pipeline.get(VERTX_CONNECTION) != null) {
      ConnectionDeadlines deadlines = new ConnectionDeadlines(header, metrics);
      pipeline.addBefore(HTTP_DECODER, "eprBytesIn", deadlines.bytesIn);
      pipeline.addBefore(VERTX_CONNECTION, "eprDeadlines", deadlines);
      pipeline.addBefore(VERTX_CONNECTION, "eprSlowReaders", new SlowReaders(unread, metrics));
    }
  }

  /**
   * Writes {@code failure} straight to a connection that has no request to answer (one refused, or one whose request
   * never came whole), below Vert.x's HTTP codec, then closes it. {@code reason}: the status line's reason phrase.
   */
  static void sendAndClose(ErrorResponses failure, Channel connection, String reason) {
    ChannelHandlerContext belowCodec = connection.pipeline().context(HTTP_DECODER);
    if (belowCodec == null) {
      connection.close();
      return;
    }
    byte[] body = ErrorResponses.envelope(null, failure.message()).getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(failure.status()).append(' ').append(reason)
        .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length)
        .append("\r\nConnection: close\r\n");
    if (failure.retryAfterSeconds() > 0) {
      head.append("Retry-After: ").append(failure.retryAfterSeconds()).append("\r\n");
    }
    belowCodec.writeAndFlush(Unpooled.wrappedBuffer(head.append("\r\n").toString()
        .getBytes(StandardCharsets.ISO_8859_1), body)).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    awaitRequest(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stopWaiting();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stopWaiting();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      requests++;
      readingBody = true;
      stopWaiting();
    }
    if (msg instanceof LastHttpContent) {
      readingBody = false;
      bytesIn.arrived = false;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    // a 100 Continue (to Expect: 100-continue) is written as a whole response, but the request's answer is still due
    boolean informational = msg instanceof HttpResponse head && head.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    if (!(msg instanceof LastHttpContent) || informational) {
      super.write(ctx, msg, promise);
      return;
    }
    ChannelPromise sent = promise.unvoid();
    sent.addListener(done -> {
      answered++;
      if (answered >= requests && ctx.channel().isActive()) {
        awaitRequest(ctx);
      }
    });
    super.write(ctx, msg, sent);
  }

  private void awaitRequest(ChannelHandlerContext ctx) {
    stopWaiting();
    bytesIn.arrived = false;
    headerDeadline = ctx.executor().schedule(() -> headerTimedOut(ctx), headerNanos, TimeUnit.NANOSECONDS);
  }

  private void stopWaiting() {
    if (headerDeadline != null) {
      headerDeadline.cancel(false);
      headerDeadline = null;
    }
  }

  /** A 408 only to a request under way: a connection with nothing sent since its last answer is simply closed. */
  private void headerTimedOut(ChannelHandlerContext ctx) {
    headerDeadline = null;
    metrics.connectionTimedOut("header");
    if (bytesIn.arrived && !readingBody) {
      sendAndClose(headerTimedOut, ctx.channel(), "Request Timeout");
    } else {
      ctx.close();
    }
  }

  /** Notes that bytes came, before the HTTP decoder makes anything of them. */
  private static final class BytesIn extends ChannelInboundHandlerAdapter {
    private boolean arrived;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      arrived = true;
      ctx.fireChannelRead(msg);
    }
  }
}
