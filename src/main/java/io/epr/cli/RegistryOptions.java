package io.epr.cli;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where the registry is and how to talk to it: the options every command shares. */
final class RegistryOptions {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

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
