package io.epr.watcher;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A message type pattern where {@code *} stands for any run of characters and everything else is literal. */
final class TypeGlob {
  private TypeGlob() {}

  static Predicate<String> of(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String literal : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString()).asMatchPredicate();
  }
}
