package io.epr.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The file a post command sends (an SBOM, a test report): given as the command's argument or with --file, the same
 * for every document, so `epr sbom post FILE` and `epr test-report post --file FILE` both work as written.
 */
final class DocumentFile {
  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file to post (or --file FILE).")
  Path argument;

  @Option(names = "--file", paramLabel = "FILE", description = "The file to post (or as the argument).")
  Path option;

  /** The one file given; null when none or two are. */
  Path path() {
    return argument == null ? option : option == null || option.equals(argument) ? argument : null;
  }

  boolean twoGiven() {
    return argument != null && option != null && !option.equals(argument);
  }
}
