package io.epr.model;

/**
 * How a message shows a value a client sent: quoted, and cut after {@value #LONGEST} characters, so that a message
 * about a document of gigabytes stays a line.
 */
public final class Excerpt {
  private static final int LONGEST = 80;

  private Excerpt() {}

  /** The value in double quotes, {@link #cut}. */
  public static String quote(String value) {
    return "\"" + cut(value) + "\"";
  }

  /** The value cut after {@value #LONGEST} characters. */
  public static String cut(String value) {
    return value.length() <= LONGEST ? value : value.substring(0, LONGEST) + "…";
  }
}
