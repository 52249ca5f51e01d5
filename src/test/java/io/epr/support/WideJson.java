package io.epr.support;

/** JSON objects and arrays wider than the service takes (its limit is 100,000 members in one). */
public final class WideJson {
  private WideJson() {}

  /** {@code {"k0":0,…}} with {@code count} keys: a million is 12 MB. */
  public static String keys(int count) {
    StringBuilder json = new StringBuilder(count * 12 + 2).append('{');
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "\"k" : ",\"k").append(i).append("\":0");
    }
    return json.append('}').toString();
  }

  /** An array of {@code count} times {@code item} (JSON text). */
  public static String items(int count, String item) {
    return "[" + (item + ",").repeat(count - 1) + item + "]";
  }
}
