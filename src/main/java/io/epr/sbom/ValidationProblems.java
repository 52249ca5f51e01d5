package io.epr.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The problem lines of one document, kept short: a document with a bad value in each of its 100k components, or a
 * license id checked against the ~800 SPDX ids, must not turn into a message of gigabytes.
 */
public final class ValidationProblems {
  private static final int LIMIT = 100;
  private static final int LONGEST_LIST = 12;
  private static final Pattern LIST = Pattern.compile("([\\[{])([^\\[\\]{}]*)([]}])");

  private final List<String> kept = new ArrayList<>();
  private int count;

  void add(String problem) {
    if (count++ < LIMIT) {
      kept.add(shortenLists(problem));
    }
  }

  void throwIfAny(String specVersion) throws InvalidSbomException {
    if (count == 0) {
      return;
    }
    List<String> listed = new ArrayList<>(kept);
    if (count > LIMIT) {
      listed.add("… and " + (count - LIMIT) + " more problems");
    }
    throw InvalidSbomException.invalid(specVersion, listed);
  }

  /** Enumerations in validator messages ({@code [a, b, …]}, {@code '{a, b, …}'}) cut to their first items. */
  private static String shortenLists(String message) {
    Matcher list = LIST.matcher(message);
    StringBuilder shortened = new StringBuilder();
    while (list.find()) {
      String[] items = list.group(2).split(", ");
      String replacement = items.length <= LONGEST_LIST ? list.group()
          : list.group(1) + String.join(", ", List.of(items).subList(0, LONGEST_LIST)) + ", … " + items.length
              + " in all" + list.group(3);
      list.appendReplacement(shortened, Matcher.quoteReplacement(replacement));
    }
    return list.appendTail(shortened).toString();
  }
}
