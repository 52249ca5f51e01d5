package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which events a rule applies to: a receiver type matching one of {@code receiverTypes} and none of
 * {@code exceptReceiverTypes}, and a payload whose fields equal {@code payloadEquals} (as JSON values).
 */
record Match(List<Pattern> receiverTypes, List<Pattern> exceptReceiverTypes, Map<JsonPointer, JsonNode> payloadEquals) {

  /** A receiver type glob: {@code *} stands for any characters (dots included), everything else for itself. */
  static Pattern glob(String glob) {
    return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  boolean matches(String receiverType, JsonNode payload) {
    return matchesAny(receiverTypes, receiverType) && !matchesAny(exceptReceiverTypes, receiverType)
        && payloadEquals.entrySet().stream().allMatch(field -> payload.at(field.getKey()).equals(field.getValue()));
  }

  private static boolean matchesAny(List<Pattern> globs, String receiverType) {
    return globs.stream().anyMatch(glob -> glob.matcher(receiverType).matches());
  }
}
