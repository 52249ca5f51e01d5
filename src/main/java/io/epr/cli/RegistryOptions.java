package io.epr.cli;

import java.net.URI;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the registry is and how to talk to it: the options every command shares, given after the command or before
 * it ({@code epr --url X event search}).
 */
final class RegistryOptions {
  static final List<String> NAMES = List.of("--url", "--token", "--dry-run", "--no-indent");

  @Option(names = "--url", paramLabel = "URL", converter = HttpUrl.class,
      defaultValue = "${env:EPR_URL:-http://localhost:8042}",
      description = "The registry's base URL (default: $EPR_URL, else http://localhost:8042; now ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:EPR_TOKEN}",
      description = "Sent as 'Authorization: Bearer TOKEN' (default: $EPR_TOKEN).")
  String token;

  @Option(names = "--dry-run", description = "Print the request as a curl command instead of sending it.")
  boolean dryRun;

  @Option(names = "--no-indent", description = "Print JSON on one line.")
  boolean noIndent;

  /** These options, given after the command, with {@code before} (given before it) for the flags not given after. */
  RegistryOptions orBefore(RegistryOptions before, ParseResult after) {
    if (!after.hasMatchedOption("--url")) {
      url = before.url;
    }
    if (!after.hasMatchedOption("--token")) {
      token = before.token;
    }
    dryRun |= before.dryRun;
    noIndent |= before.noIndent;
    return this;
  }

  static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = URI.create(value.replaceAll("/+$", ""));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not a URL: " + value);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new TypeConversionException("not an http(s) URL: " + value);
      }
      return uri;
    }
  }
}
