package io.epr.model;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Timestamps as Go's RFC 3339 rendering: seconds always present, fraction without trailing zeros, server zone. */
public final class Times {
  private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter();
  private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .appendOffset("+HH:MM", "Z")
      .toFormatter();

  private Times() {}

  public static String format(OffsetDateTime t) {
    return RFC3339_NANO.format(t.atZoneSameInstant(ZoneId.systemDefault()));
  }

  /** Whole seconds, as EPR's receiver/group messages carry in {@code release}. */
  public static String nowSeconds() {
    return RFC3339.format(ZonedDateTime.now());
  }
}
