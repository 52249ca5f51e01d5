package io.epr.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request budgets of EPR_RATE_LIMIT and EPR_RATE_BURST: a token bucket per caller, refilled at the rate up to the
 * burst, shared by every HTTP verticle of this instance (each instance of a cluster counts on its own). A caller whose
 * bucket is full again has nothing to remember, so such buckets are dropped. Valid tokens have buckets of their own
 * (as many as there are tokens); client addresses are tracked up to {@value #MAX_CALLERS}, and while that many are
 * active any new address shares a single overflow bucket, so a flood of distinct addresses is limited as one caller
 * rather than growing memory, and never takes a token holder's budget.
 */
public final class RateLimits {
  static final int MAX_CALLERS = 10_000;
  private static final long SWEEP_NANOS = 1_000_000_000L;

  private final double perSecond;
  private final int burst;
  private final Map<String, Bucket> tokens = new ConcurrentHashMap<>();
  private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();
  private final Bucket overflow;
  private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + SWEEP_NANOS);

  public RateLimits(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.overflow = new Bucket(System.nanoTime());
  }

  /** The budget as messages and the log state it: {@code 5 requests a second, 10 at once (EPR_RATE_LIMIT, …)}. */
  public String budget() {
    return BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString() + " requests a second, " + burst
        + " at once (EPR_RATE_LIMIT, EPR_RATE_BURST)";
  }

  /**
   * Counts a request made with a valid token ({@code holder}: its digest): 0 when it may be made now, else the whole
   * seconds until it may (at least 1).
   */
  long secondsToWaitForToken(String holder) {
    long now = sweep();
    return tokens.computeIfAbsent(holder, h -> new Bucket(now)).take(now);
  }

  /** The same for a request without a valid token, from {@code address}. */
  long secondsToWaitForAddress(String address) {
    long now = sweep();
    Bucket bucket = addresses.get(address);
    if (bucket == null) {
      bucket = addresses.size() < MAX_CALLERS ? addresses.computeIfAbsent(address, c -> new Bucket(now)) : overflow;
    }
    return bucket.take(now);
  }

  /** Now; once a second first dropping the buckets that are full again. */
  private long sweep() {
    long now = System.nanoTime();
    long sweep = nextSweep.get();
    if (now - sweep >= 0 && nextSweep.compareAndSet(sweep, now + SWEEP_NANOS)) {
      tokens.values().removeIf(bucket -> bucket.full(now));
      addresses.values().removeIf(bucket -> bucket.full(now));
    }
    return now;
  }

  /** How many callers are tracked. */
  int callers() {
    return tokens.size() + addresses.size();
  }

  /** One caller's budget: {@code tokens} requests available as of {@code at}. */
  private final class Bucket {
    private double tokens = burst;
    private long at;

    Bucket(long now) {
      this.at = now;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= burst;
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
        at = now;
      }
    }
  }
}
