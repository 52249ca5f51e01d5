package io.epr.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * The SBOM baseline in a JVM of its own with default flags (the bench's JVM is tuned to stay out of the server's
 * way): reads the SBOM file once, then for each line on stdin has cyclonedx-core-java validate and parse it and
 * prints the time in ms, so that the bench can take turns between it and the server; ends with stdin.
 */
public final class SbomBaseline {
  public static void main(String[] args) throws Exception {
    byte[] sbom = Files.readAllBytes(Path.of(args[0]));
    BufferedReader rounds = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (rounds.readLine() != null) {
      long t = System.nanoTime();
      JsonParser parser = new JsonParser();
      if (!parser.validate(sbom, Version.VERSION_16).isEmpty()) {
        throw new IllegalStateException("the generated SBOM is not valid");
      }
      parser.parse(sbom);
      System.out.println((System.nanoTime() - t) / 1e6);
      System.out.flush();
    }
  }
}
