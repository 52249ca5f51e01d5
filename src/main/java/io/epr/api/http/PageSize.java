package io.epr.api.http;

import io.epr.ingest.InvalidInputException;

/** How many items a listing returns: REST {@code ?limit=} and GraphQL {@code first:} alike. */
public final class PageSize {
  public static final int DEFAULT = 100;
  public static final int MAX = 1000;

  private PageSize() {}

  /** {@code value} as sent under the name {@code parameter}; the default when absent. */
  public static int of(String parameter, String value) {
    return of(parameter, value, DEFAULT, MAX);
  }

  /** {@code value} as sent under the name {@code parameter}, from 1 to {@code max}; {@code absent} when absent. */
  public static int of(String parameter, String value, int absent, int max) {
    if (value == null) {
      return absent;
    }
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= max) {
        return size;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the message
    }
    throw new InvalidInputException(parameter + " must be a number from 1 to " + max + ", got '" + value + "'");
  }

  public static int of(String parameter, Integer value) {
    return of(parameter, value == null ? null : value.toString());
  }
}
