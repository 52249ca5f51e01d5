package io.epr;

import io.epr.config.EprConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The ports a start will listen on, tried before anything starts: a port something else holds (the workshop's
 * Redpanda on 19092, another EPR on 8042) would otherwise fail the start only after the embedded database came up,
 * with pages of the broker's stack traces. The failure names the setting that moves the port, in one line. The
 * embedded PostgreSQL needs no check: it takes a port free at its start.
 */
final class ListenPorts {
  static final String EMBEDDED_KAFKA_HOST = "127.0.0.1";

  private ListenPorts() {}

  /** Throws IllegalStateException saying what to do when a port this configuration listens on is taken. */
  static void checkFree(EprConfig config) {
    checkFree(config.host(), config.port(), "is another EPR running? EPR_PORT moves this server");
    if (config.brokers() == null) {
      int kafka = config.embeddedKafkaPort();
      checkFree(EMBEDDED_KAFKA_HOST, kafka, "is Redpanda running? EPR_BROKERS=localhost:" + kafka
          + " uses it; EPR_EMBEDDED_KAFKA_PORT moves the embedded broker");
    }
  }

  private static void checkFree(String host, int port, String whatToDo) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as the real listeners: a connection of the last run in TIME_WAIT is no holder
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      boolean inUse = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use");
      throw new IllegalStateException(inUse ? host + ":" + port + " is in use — " + whatToDo
          : "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
