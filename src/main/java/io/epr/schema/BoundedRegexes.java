package io.epr.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The JDK's regular expressions for receiver schemas ({@code pattern}, {@code patternProperties}), compiled as
 * networknt's default does, with matching bounded in time: a pattern that backtracks catastrophically, such as
 * {@code ^(a{1,30}){1,30}$} against {@code "aaa…ab"}, must not hold a worker thread for minutes. Each validation of
 * a payload may spend {@link #BUDGET} matching in all; a match that runs past it stops with a
 * {@link RegexTimeoutException}. The JDK cannot interrupt a match, so the text is read through a CharSequence that
 * looks at the clock every few thousand characters the matcher reads.
 */
final class BoundedRegexes implements RegularExpressionFactory {
  static final Duration BUDGET = Duration.ofSeconds(1);
  private static final int READS_BETWEEN_CLOCK_CHECKS = 4096;
  /** The matching time left to the validation running on this thread. */
  private static final ThreadLocal<long[]> NANOS_LEFT = new ThreadLocal<>();

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern = compile(regex);
    return input -> find(regex, pattern, input);
  }

  /** Runs a validation whose matches share one {@link #BUDGET}; a match outside one has a budget of its own. */
  static <T> T within(Supplier<T> validation) {
    NANOS_LEFT.set(new long[] {BUDGET.toNanos()});
    try {
      return validation.get();
    } finally {
      NANOS_LEFT.remove();
    }
  }

  private static Pattern compile(String regex) {
    try {
      return Pattern.compile(
          RegularExpressions.replaceLongformCharacterProperties(RegularExpressions.replaceDollarAnchors(regex)));
    } catch (StackOverflowError tooDeep) {
      throw new PatternSyntaxException("groups are nested too deeply", regex, -1);
    }
  }

  private static boolean find(String regex, Pattern pattern, String input) {
    long[] left = NANOS_LEFT.get() == null ? new long[] {BUDGET.toNanos()} : NANOS_LEFT.get();
    long start = System.nanoTime();
    try {
      return pattern.matcher(new Watched(input, start + left[0], regex)).find();
    } catch (StackOverflowError tooDeep) {
      throw new RegexTimeoutException("pattern " + quote(regex) + " recursed too deeply on a string of "
          + input.length() + " characters");
    } finally {
      left[0] -= System.nanoTime() - start;
    }
  }

  private static String quote(String regex) {
    return "\"" + (regex.length() <= 80 ? regex : regex.substring(0, 80) + "…") + "\"";
  }

  /** The text being matched, which stops the match once the deadline has passed. */
  private static final class Watched implements CharSequence {
    private final String text;
    private final long deadline;
    private final String regex;
    private int reads;

    Watched(String text, long deadline, String regex) {
      this.text = text;
      this.deadline = deadline;
      this.regex = regex;
    }

    @Override
    public char charAt(int index) {
      if (++reads % READS_BETWEEN_CLOCK_CHECKS == 0 && System.nanoTime() > deadline) {
        throw new RegexTimeoutException("pattern " + quote(regex) + " took more than " + BUDGET.toSeconds()
            + " s to match a string of " + text.length() + " characters (catastrophic backtracking?)");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
