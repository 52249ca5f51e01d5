package io.epr.schema;

import java.time.YearMonth;

/**
 * Go's {@code time.Parse} for the layouts gojsonschema's date and time formats try ({@code 2006-01-02},
 * {@code 15:04:05}, {@code 15:04:05Z07:00} and RFC 3339 with or without nanoseconds), with Go's leniencies: a one-digit
 * hour, a fraction after ',' as after '.', any number of fraction digits, offsets up to 24:60; no leap second.
 */
final class GoTimes {
  private GoTimes() {
  }

  /** Layout "2006-01-02". */
  static boolean isDate(String s) {
    return new Cursor(s).date() && s.length() == 10;
  }

  /** Layout "15:04:05" ({@code zone} false) or "15:04:05Z07:00" ({@code zone} true). */
  static boolean isTime(String s, boolean zone) {
    Cursor c = new Cursor(s);
    return c.time() && (!zone || c.zone()) && c.atEnd();
  }

  /** Layouts RFC3339 and RFC3339Nano ("2006-01-02T15:04:05.999999999Z07:00"). */
  static boolean isDateTime(String s) {
    Cursor c = new Cursor(s);
    return c.date() && c.literal('T') && c.time() && c.zone() && c.atEnd();
  }

  private static final class Cursor {
    private final String s;
    private int at;

    Cursor(String s) {
      this.s = s;
    }

    /** stdLongYear, stdZeroMonth (1-12), stdZeroDay, then the day checked against the month's length. */
    boolean date() {
      int year = number(4);
      if (year < 0 || !literal('-')) {
        return false;
      }
      int month = number(2);
      if (month < 1 || month > 12 || !literal('-')) {
        return false;
      }
      int day = number(2);
      return day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    /** stdHour (one or two digits, below 24), stdZeroMinute, stdZeroSecond (below 60), an optional fraction. */
    boolean time() {
      int hour = number(1);
      if (hour < 0) {
        return false;
      }
      if (at < s.length() && isDigit(s.charAt(at))) {
        hour = hour * 10 + s.charAt(at++) - '0';
      }
      if (hour >= 24 || !literal(':')) {
        return false;
      }
      int minute = number(2);
      if (minute < 0 || minute >= 60 || !literal(':')) {
        return false;
      }
      int second = number(2);
      if (second < 0 || second >= 60) {
        return false;
      }
      if (at + 1 < s.length() && (s.charAt(at) == '.' || s.charAt(at) == ',') && isDigit(s.charAt(at + 1))) {
        at += 2;
        while (at < s.length() && isDigit(s.charAt(at))) {
          at++;
        }
      }
      return true;
    }

    /** stdISO8601ColonTZ: Z, or a sign, two-digit hours (at most 24), ':' and two-digit minutes (at most 60). */
    boolean zone() {
      if (literal('Z')) {
        return true;
      }
      if (s.length() - at < 6 || s.charAt(at + 3) != ':' || s.charAt(at) != '+' && s.charAt(at) != '-') {
        return false;
      }
      at++;
      int hours = number(2);
      at++;
      int minutes = number(2);
      return hours >= 0 && hours <= 24 && minutes >= 0 && minutes <= 60;
    }

    boolean literal(char c) {
      if (at < s.length() && s.charAt(at) == c) {
        at++;
        return true;
      }
      return false;
    }

    boolean atEnd() {
      return at == s.length();
    }

    /** Exactly {@code digits} digits as a number, or -1. */
    private int number(int digits) {
      if (s.length() - at < digits) {
        return -1;
      }
      int n = 0;
      for (int i = 0; i < digits; i++) {
        char c = s.charAt(at + i);
        if (!isDigit(c)) {
          return -1;
        }
        n = n * 10 + c - '0';
      }
      at += digits;
      return n;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
