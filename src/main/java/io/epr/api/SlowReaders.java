package io.epr.api;

import io.epr.metrics.EprMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that takes its answers too slowly (slow read) cannot hold a connection, and the answer waiting in it, for
 * long: a connection whose waiting answer moves less than {@value #MIN_BYTES_PER_SECOND} bytes a second over a window
 * of EPR_IDLE_TIMEOUT is reset, and what its socket still held is dropped. A download that keeps moving faster than
 * that is never cut. (Vert.x serves the requests a client pipelined one after the other, and stops while the
 * connection's buffer is full, so one connection holds about one answer.)
 *
 * <p>It sits in the connection's Netty pipeline beside {@link ConnectionDeadlines}, after Vert.x's HTTP codec, and
 * runs on the connection's event loop.
 */
final class SlowReaders extends ChannelDuplexHandler {
  static final int MIN_BYTES_PER_SECOND = 1024;

  private final long windowNanos;
  private final long minBytesPerWindow;
  private final EprMetrics metrics;
  private long written;
  private long takenAtCheck;
  private ScheduledFuture<?> check;

  SlowReaders(Duration window, EprMetrics metrics) {
    this.windowNanos = window.toNanos();
    this.minBytesPerWindow = MIN_BYTES_PER_SECOND * Math.max(1, window.toSeconds());
    this.metrics = metrics;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpContent content) {
      if (check == null) {
        takenAtCheck = written - pending(ctx);
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), windowNanos, windowNanos, TimeUnit.NANOSECONDS);
      }
      written += content.content().readableBytes();
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  /** Every window while an answer is being written: has enough of it been taken since the last check? */
  private void check(ChannelHandlerContext ctx) {
    long pending = pending(ctx);
    long taken = written - pending;
    if (pending > 0 && taken - takenAtCheck < minBytesPerWindow) {
      metrics.connectionTimedOut("unread_response");
      stop();
      ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0); // a reset: the socket's buffers are dropped too
      ctx.close();
    } else if (pending == 0) {
      stop();
    }
    takenAtCheck = taken;
  }

  private static long pending(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
    return unsent == null ? 0 : unsent.totalPendingWriteBytes();
  }

  private void stop() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }
}
