package io.epr.ingest;

import io.epr.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** EPR's input checks, collected and joined by newlines into one {@code invalid input: …} message. */
final class Problems {
  /** EPR's columns are varchar(255). */
  private static final int MAX_STRING = 255;
  /**
   * An NVRPP is indexed whole (with the receiver id and time, in one B-tree entry of at most 2704 bytes), so its five
   * parts together must leave room: 255 characters each are up to 3825 bytes in UTF-8.
   */
  private static final int MAX_NVRPP_BYTES = 2000;

  private final List<String> lines = new ArrayList<>();

  /** A string for one of EPR's varchar(255) columns; false when it has a problem. */
  boolean text(String field, String value) {
    int before = lines.size();
    if (value == null || value.isBlank()) {
      lines.add(field + " cannot be blank");
    } else if (value.length() > MAX_STRING) {
      lines.add(field + " cannot be longer than " + MAX_STRING + " characters");
    } else {
      String character = JsonLimits.unstorableCharacter(value);
      if (character != null) {
        lines.add(field + " cannot contain " + character);
      }
    }
    return lines.size() == before;
  }

  /** The blank checks of an event's NVRPP, in EPR's order, and the size of the whole. */
  void nvrpp(String name, String version, String release, String platformId, String pkg) {
    boolean each = text("name", name) & text("version", version) & text("release", release)
        & text("platform id", platformId) & text("package", pkg);
    if (each) {
      int bytes = Stream.of(name, version, release, platformId, pkg)
          .mapToInt(part -> part.getBytes(StandardCharsets.UTF_8).length).sum();
      if (bytes > MAX_NVRPP_BYTES) {
        lines.add("name, version, release, platform id and package together cannot be longer than " + MAX_NVRPP_BYTES
            + " bytes in UTF-8 (they are indexed together), got " + bytes);
      }
    }
  }

  /** A group's receiver ids: at least one, none blank (EPR's checks), none that no receiver could have. */
  void receiverIds(List<String> ids) {
    if (ids.isEmpty()) {
      lines.add("need at least one event receiver id");
    } else if (ids.stream().anyMatch(id -> id == null || id.isBlank())) {
      lines.add("event receiver ids cannot be blank");
    } else {
      ids.stream().map(JsonLimits::unstorableCharacter).filter(Objects::nonNull).findFirst()
          .ifPresent(character -> lines.add("event receiver ids cannot contain " + character));
    }
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
