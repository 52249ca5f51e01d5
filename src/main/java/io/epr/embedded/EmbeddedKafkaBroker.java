package io.epr.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/** An in-process single-node Apache Kafka (KRaft, combined broker+controller) whose data lives in one directory. */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private final KafkaRaftServer server;
  private final FileChannel dirLock;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, FileChannel dirLock, String bootstrapServers) {
    this.server = server;
    this.dirLock = dirLock;
    this.bootstrapServers = bootstrapServers;
  }

  public static EmbeddedKafkaBroker start(String host, int port, Path logDir) {
    Path dir = logDir.toAbsolutePath();
    String controller = "127.0.0.1:" + freePort();
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    // Static voters rather than a dynamic quorum: the controller endpoint is then not written into
    // the formatted metadata, so the controller may get a different free port on every start.
    props.setProperty("controller.quorum.voters", "1@" + controller);
    props.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + controller);
    props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("log.dirs", dir.toString());
    props.setProperty("auto.create.topics.enable", "true");
    props.setProperty("offsets.topic.replication.factor", "1");
    props.setProperty("offsets.topic.num.partitions", "1"); // 50 by default: a group's first join would take seconds
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    props.setProperty("message.max.bytes", String.valueOf(64 * 1024 * 1024));
    // A restart's broker registers again under the same node id; the controller refuses the new registration until
    // the last run's session has expired (9 s by default), which kept a restarted broker from serving for 10 s or more.
    // One node in one process heartbeats over loopback, so a short session costs nothing.
    props.setProperty("broker.heartbeat.interval.ms", "500");
    props.setProperty("broker.session.timeout.ms", "3000");

    FileChannel dirLock = lock(dir);
    try {
      formatIfNeeded(props, dir);
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
      try {
        server.startup(); // returns once the broker is unfenced and serving client requests
      } catch (RuntimeException e) {
        server.shutdown();
        server.awaitShutdown();
        throw e;
      }
      return new EmbeddedKafkaBroker(server, dirLock, host + ":" + port);
    } catch (RuntimeException e) {
      closeQuietly(dirLock);
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits for it to release its port and files; data stays. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    closeQuietly(dirLock);
  }

  /**
   * Kafka locks the log dir of a combined node only when the broker starts, after the controller has opened the
   * metadata log in it; a second server on the same dir would meanwhile write to the running one's metadata log.
   */
  private static FileChannel lock(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve("embedded.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        if (channel.tryLock() != null) {
          return channel;
        }
      } catch (OverlappingFileLockException e) {
        // held by another broker in this JVM
      }
      channel.close();
      throw new IllegalStateException(dir + " is in use by another Kafka broker");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether dir holds formatted Kafka storage; if not, {@link #start} formats it first. */
  public static boolean isFormatted(Path dir) {
    return Files.exists(dir.resolve("meta.properties"));
  }

  /**
   * Runs {@code kafka-storage format} with a generated cluster id (kept in meta.properties) unless dir is formatted.
   * Goes through StorageTool.execute, not main (which exits the JVM), and not Formatter directly because
   * kafka-metadata is only a runtime dependency of kafka_2.13, so it is not on our compile classpath.
   */
  private static void formatIfNeeded(Properties props, Path dir) {
    if (isFormatted(dir)) {
      return;
    }
    try {
      Path config = Files.createTempFile("kafka-storage", ".properties");
      try {
        try (Writer out = Files.newBufferedWriter(config)) {
          props.store(out, null);
        }
        String[] args = {"format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        if (StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8)) != 0) {
          throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + output);
        }
      } finally {
        Files.delete(config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel; nothing left to release
    }
  }
}
