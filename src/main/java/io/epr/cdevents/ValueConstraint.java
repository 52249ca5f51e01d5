package io.epr.cdevents;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the official v0.5.1 schemas accept in a field (with format assertions on, as the CDViz collector enforces);
 * a candidate value that breaks it is skipped.
 */
enum ValueConstraint {
  /** A non-blank string (the schemas' minLength 1, and nothing useless such as spaces). */
  TEXT("a non-blank string, number or boolean", value -> !value.isBlank()),
  /** Format {@code uri}: an absolute URI. */
  ABSOLUTE_URI("an absolute URI", value -> rfc3986(value).map(URI::isAbsolute).orElse(false)),
  /** Format {@code uri-reference}, not empty. */
  URI_REFERENCE("a URI reference", value -> !value.isEmpty() && rfc3986(value).isPresent()),
  /** pipelinerun.finished's {@code outcome} enum. */
  OUTCOME("success, failure, cancel or error", Set.of("success", "failure", "cancel", "error")::contains),
  /** A purl CDViz's artifact views take: with a version or qualifiers. */
  ARTIFACT_PURL("a purl with a version or qualifiers", Purls::isArtifact),
  /** Format {@code date-time}: RFC 3339 with an offset. */
  TIMESTAMP("an RFC 3339 time with its offset", value -> EventTime.parse(value).isPresent());

  private final String what;
  private final Predicate<String> test;

  ValueConstraint(String what, Predicate<String> test) {
    this.what = what;
    this.test = test;
  }

  /** What a value must be, for messages. */
  String what() {
    return what;
  }

  boolean accepts(String value) {
    return test.test(value);
  }

  /** Parsed as networknt's uri formats do: java.net.URI, ASCII only, no brackets in the query. */
  private static Optional<URI> rfc3986(String value) {
    try {
      URI uri = new URI(value);
      String query = uri.getRawQuery();
      boolean ascii = uri.toString().chars().allMatch(c -> c < 127);
      return ascii && (query == null || query.indexOf('[') < 0 && query.indexOf(']') < 0) ? Optional.of(uri)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
