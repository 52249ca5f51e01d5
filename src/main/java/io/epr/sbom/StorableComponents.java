package io.epr.sbom;

import io.epr.json.JsonLimits;
import io.epr.model.Excerpt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What PostgreSQL takes of a valid BOM: text it can hold as sent ({@link JsonLimits#unstorableCharacter}: CycloneDX
 * JSON may carry {@code \u0000} or a lone surrogate escape), and component names, versions and purls short enough for the indexes that answer "which artifacts
 * contain this package?" (a B-tree entry holds at most 2704 bytes).
 */
final class StorableComponents {
  private static final int MAX_NAME_BYTES = 1024;
  private static final int MAX_VERSION_BYTES = 1024;
  private static final int MAX_PURL_BYTES = 2048;
  private static final int LISTED = 20;

  private StorableComponents() {}

  /** Components are numbered as {@link SbomDocument#components()} lists them, from 0. */
  static void check(SbomDocument doc) throws InvalidSbomException {
    List<String> problems = new ArrayList<>();
    unstorable(Stream.of(doc.serialNumber(), doc.componentName(), doc.componentVersion(), doc.componentPurl()))
        .ifPresent(character -> problems.add("serialNumber or metadata.component: " + character + " cannot be stored"));
    List<SbomComponent> components = doc.components();
    for (int i = 0; i < components.size(); i++) {
      SbomComponent c = components.get(i);
      String which = "component " + i + " (" + Excerpt.quote(String.valueOf(c.name())) + ")";
      unstorable(texts(c)).ifPresent(character -> problems.add(which + ": " + character + " cannot be stored"));
      tooLong(which, "name", c.name(), MAX_NAME_BYTES, problems);
      tooLong(which, "version", c.version(), MAX_VERSION_BYTES, problems);
      tooLong(which, "purl", c.purl(), MAX_PURL_BYTES, problems);
    }
    if (problems.size() > LISTED) {
      int more = problems.size() - LISTED;
      problems.subList(LISTED, problems.size()).clear();
      problems.add("… and " + more + " more problems");
    }
    if (!problems.isEmpty()) {
      throw InvalidSbomException.unstorable(problems);
    }
  }

  private static Stream<String> texts(SbomComponent c) {
    return Stream.of(Stream.of(c.bomRef(), c.type(), c.group(), c.name(), c.version(), c.purl()),
        c.licenses().stream(), c.hashes().keySet().stream(), c.hashes().values().stream()).flatMap(s -> s);
  }

  private static Optional<String> unstorable(Stream<String> texts) {
    return texts.filter(Objects::nonNull).map(JsonLimits::unstorableCharacter).filter(Objects::nonNull).findFirst();
  }

  private static void tooLong(String which, String field, String value, int max, List<String> problems) {
    int bytes = value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > max) {
      problems.add(which + ": its " + field + " is " + bytes + " bytes long in UTF-8; at most " + max
          + " can be indexed");
    }
  }
}
