package io.epr.watcher;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a consumer group without committed offsets starts reading. A group that has committed offsets always resumes
 * from them; this only decides whether a new group replays the topic's history ({@code earliest}) or waits for new
 * messages ({@code latest}).
 */
public enum StartFrom {
  EARLIEST("the oldest message still in the topic"),
  LATEST("the end of the topic: only messages produced from now on");

  private final String meaning;

  StartFrom(String meaning) {
    this.meaning = meaning;
  }

  /** Kafka's {@code auto.offset.reset} value. */
  String offsetReset() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How the banner says it: {@code --from latest (the end of the topic: ...)}. */
  String describe() {
    return "--from " + offsetReset() + " (" + meaning + ")";
  }

  /** {@code --from earliest|latest}, in any case. */
  static final class Parser implements ITypeConverter<StartFrom> {
    @Override
    public StartFrom convert(String value) {
      for (StartFrom from : values()) {
        if (from.offsetReset().equalsIgnoreCase(value)) {
          return from;
        }
      }
      throw new TypeConversionException("'" + value + "' is neither earliest nor latest");
    }
  }
}
