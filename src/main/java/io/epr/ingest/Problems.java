package io.epr.ingest;

import java.util.ArrayList;
import java.util.List;

/** EPR's input checks, collected and joined by newlines into one {@code invalid input: …} message. */
final class Problems {
  /** EPR's columns are varchar(255). */
  private static final int MAX_STRING = 255;

  private final List<String> lines = new ArrayList<>();

  void text(String field, String value) {
    if (value == null || value.isBlank()) {
      lines.add(field + " cannot be blank");
    } else if (value.length() > MAX_STRING) {
      lines.add(field + " cannot be longer than " + MAX_STRING + " characters");
    }
  }

  /** The blank checks of an event's NVRPP, in EPR's order. */
  void nvrpp(String name, String version, String release, String platformId, String pkg) {
    text("name", name);
    text("version", version);
    text("release", release);
    text("platform id", platformId);
    text("package", pkg);
  }

  void add(String line) {
    lines.add(line);
  }

  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new InvalidInputException(String.join("\n", lines));
    }
  }
}
