package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The rules' payload paths: {@code build.url} is the field {@code url} of the object {@code build}; a number indexes
 * an array.
 */
final class DottedPath {
  private DottedPath() {}

  static JsonPointer pointer(String dotted) {
    String[] segments = dotted.split("\\.", -1);
    if (Arrays.stream(segments).anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("not a dotted path: \"" + dotted + "\"");
    }
    return JsonPointer.compile(Arrays.stream(segments)
        .map(s -> "/" + s.replace("~", "~0").replace("/", "~1"))
        .collect(Collectors.joining()));
  }
}
