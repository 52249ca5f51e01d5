package io.epr.support;

import io.epr.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real Kafka brokers in this JVM: one shared by the test classes, and private ones a test may stop and restart. */
public final class TestBroker {
  private static EmbeddedKafkaBroker shared;

  private TestBroker() {}

  public static synchronized String sharedBootstrap() {
    if (shared == null) {
      shared = EmbeddedKafkaBroker.start("127.0.0.1", freePort(), tempDir("epr-kafka"));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared.bootstrapServers();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
