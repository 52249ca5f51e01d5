package io.epr.cdevents;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a CDEvent says it happened: a time from the payload when it gives one, else when EPR stored the event. Times
 * are written in UTC, the way CloudEvents renders {@code ce_time}, so that the header and the CDEvent agree.
 */
final class EventTime {
  /** Clocks of CI runners and EPR may differ a little; a time further ahead is a bug (local time labelled Z, …). */
  static final Duration MAX_AHEAD = Duration.ofHours(1);

  private EventTime() {}

  /** An RFC 3339 date-time with an offset, else empty. */
  static Optional<OffsetDateTime> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String render(OffsetDateTime time) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** Why {@code time} cannot be taken as when something happened, if it is more than {@link #MAX_AHEAD} ahead. */
  static Optional<String> tooFarAhead(String field, OffsetDateTime time, Instant now) {
    Duration ahead = Duration.between(now, time.toInstant());
    if (ahead.compareTo(MAX_AHEAD) <= 0) {
      return Optional.empty();
    }
    return Optional.of(field + " " + time + " is " + describe(ahead) + " ahead of this server's clock (" + now
        + "); it must say when it happened, in RFC 3339 with its offset, at most " + MAX_AHEAD.toHours()
        + " hour ahead");
  }

  private static String describe(Duration ahead) {
    return ahead.toDays() >= 2 ? ahead.toDays() + " days" : ahead.toHours() >= 2 ? ahead.toHours() + " hours"
        : ahead.toMinutes() + " minutes";
  }
}
