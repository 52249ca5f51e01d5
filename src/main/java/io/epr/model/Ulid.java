package io.epr.model;

import java.security.SecureRandom;

/**
 * 26-character Crockford base32 ULIDs: 48-bit millisecond time then 80 random bits.
 * Monotonic within this process (the random part is incremented within one millisecond),
 * so ids of one instance sort in creation order even when created in the same millisecond.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long randomHigh; // 16 bits
  private static long randomLow; // 64 bits

  private Ulid() {}

  public static synchronized String next() {
    long now = System.currentTimeMillis();
    if (now <= lastMillis) {
      now = lastMillis;
      randomLow++;
      if (randomLow == 0) {
        randomHigh = (randomHigh + 1) & 0xFFFF;
      }
    } else {
      lastMillis = now;
      randomHigh = RANDOM.nextInt(1 << 16);
      randomLow = RANDOM.nextLong();
    }
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (now & 31)];
      now >>>= 5;
    }
    // 80 random bits = randomHigh (16) followed by randomLow (64), written as 16 base32 digits
    long low = randomLow;
    long high = randomHigh;
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }
}
