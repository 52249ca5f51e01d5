package io.epr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code epr --version}: the Maven project version the build wrote into io/epr/version.properties. */
final class EprVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    Properties properties = new Properties();
    try (InputStream in = EprVersion.class.getResourceAsStream("/io/epr/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("io/epr/version.properties is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {"epr " + properties.getProperty("version")};
  }
}
