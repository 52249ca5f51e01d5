package io.epr.api.http;

import io.epr.ingest.InvalidInputException;

/** How many items a listing returns: REST {@code ?limit=} and GraphQL {@code first:} alike. */
public final class PageSize {
  public static final int DEFAULT = 100;
  public static final int MAX = 1000;

  private PageSize() {}

  /** {@code value} as sent under the name {@code parameter}; the default when absent. */
  public static int of(String parameter, String value) {
    if (value == null) {
      return DEFAULT;
    }
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= MAX) {
        return size;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the message
    }
    throw new InvalidInputException(parameter + " must be a number from 1 to " + MAX + ", got '" + value + "'");
  }

  public static int of(String parameter, Integer value) {
    return of(parameter, value == null ? null : value.toString());
  }
}
