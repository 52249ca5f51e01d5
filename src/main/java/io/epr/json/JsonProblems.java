package io.epr.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Pattern;

/**
 * What is wrong with text that is not JSON, said for the person who sent it: where (line and column) and what, in
 * Jackson's words without its internals (no {@code [Source: REDACTED …]}, character codes, feature or class names).
 * Every reader of client JSON says it this way.
 */
public final class JsonProblems {
  private static final Pattern SOURCE = Pattern.compile("\\s*\\((?:start marker|for [a-zA-Z ]+?) at \\[Source:.*?\\]\\)");
  private static final Pattern CODE = Pattern.compile(" ?\\((?:CTRL-CHAR, )?code \\d+(?: / 0x\\p{XDigit}+)?\\)");
  private static final Pattern COMMENT = Pattern.compile(
      ": maybe a \\(non-standard\\) comment\\? \\(not recognized as one since Feature '\\w+' not enabled for parser\\)");
  private static final Pattern FEATURE = Pattern.compile("\\s*\\([^()]*(?:Feature|com\\.fasterxml)[^()]*\\)");
  private static final Pattern ENABLE = Pattern.compile(": enable `[^`]*` to allow");
  private static final Pattern CONSTRAINT = Pattern.compile(", from `[^`]*`");

  private JsonProblems() {}

  /** {@code line 1, column 9: Unexpected character ('}'): expected a value}. */
  public static String describe(JsonProcessingException e) {
    return at(e.getLocation()) + what(e);
  }

  /** A problem another library found in JSON it read (the cause of its exception), said the same way. */
  public static String describe(Throwable problem) {
    return problem instanceof JsonProcessingException json ? describe(json) : clean(String.valueOf(problem.getMessage()));
  }

  private static String what(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "the document ends before its JSON is complete (truncated?)";
    }
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Trailing token")) {
      return "more text after the JSON value: send one JSON document";
    }
    return clean(message);
  }

  /** Jackson's words without its internals; a message about Java types says only that the value does not fit. */
  private static String clean(String message) {
    String first = message.lines().findFirst().orElse("");
    first = SOURCE.matcher(first).replaceAll("");
    first = CODE.matcher(first).replaceAll("");
    first = COMMENT.matcher(first).replaceAll(": JSON has no comments");
    first = FEATURE.matcher(first).replaceAll("");
    first = ENABLE.matcher(first).replaceAll(": JSON has no such value");
    first = CONSTRAINT.matcher(first).replaceAll("");
    return first.contains("`") || first.contains("java.") ? "a JSON value of a type that does not fit here" : first;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? ""
        : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
