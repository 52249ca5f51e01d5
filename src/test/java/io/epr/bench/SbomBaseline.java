package io.epr.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The SBOM baseline in a JVM of its own with default flags (the bench's JVM is tuned to stay out of the server's
 * way): cyclonedx-core-java validates and parses the file {@code rounds} times and prints each time in ms.
 */
public final class SbomBaseline {
  public static void main(String[] args) throws Exception {
    byte[] sbom = Files.readAllBytes(Path.of(args[0]));
    for (int i = 0; i < Integer.parseInt(args[1]); i++) {
      long t = System.nanoTime();
      JsonParser parser = new JsonParser();
      if (!parser.validate(sbom, Version.VERSION_16).isEmpty()) {
        throw new IllegalStateException("the generated SBOM is not valid");
      }
      parser.parse(sbom);
      System.out.println((System.nanoTime() - t) / 1e6);
    }
  }
}
