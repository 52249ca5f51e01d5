package io.epr.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU seconds used by the server, PostgreSQL and this bench process (load, broker, collector, readers) between two
 * readings of /proc: where a run's CPU went on a machine whose cores it saturates. PostgreSQL is the processes serving
 * the bench's database (its backends and autovacuum workers) and those every database shares (WAL writer,
 * checkpointer, background writer, launchers), not the backends of other databases: other builds on the machine may
 * use the same PostgreSQL.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
  /** A process title that names a database: a client backend ({@code user db host(port) …}) or an autovacuum worker. */
  private static final Pattern SERVES_ONE_DATABASE = Pattern.compile("\\(\\d+\\)|\\[local\\]|autovacuum worker ");

  /** CPU seconds; or, once divided by events ({@link #perEvent}), CPU ms per event. */
  record Reading(double server, double postgres, double bench) {
    Reading minus(Reading earlier) {
      return new Reading(server - earlier.server, postgres - earlier.postgres, bench - earlier.bench);
    }

    Reading plus(Reading other) {
      return new Reading(server + other.server, postgres + other.postgres, bench + other.bench);
    }

    double all() {
      return server + postgres + bench;
    }

    /** CPU ms per event, when this reading's seconds were spent on {@code events} events. */
    Reading perEvent(long events) {
      double k = events / 1000.0;
      return new Reading(server / k, postgres / k, bench / k);
    }

    /** Of a per-event reading. */
    String describe() {
      return String.format("PostgreSQL %.2f / server %.2f / all %.2f ms (all: with the bench's load, broker and "
          + "collector, %.2f)", postgres, server, all(), bench);
    }
  }

  private final long serverPid;
  private final String database;

  /** {@code database}: the name of the database the server uses. */
  CpuMeter(long serverPid, String database) {
    this.serverPid = serverPid;
    this.database = database;
  }

  Reading read() throws IOException {
    double postgres = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
        if (readComm(p).equals("postgres") && serves(readTitle(p))) {
          postgres += seconds(p);
        }
      }
    }
    return new Reading(seconds(Path.of("/proc", String.valueOf(serverPid))), postgres,
        seconds(Path.of("/proc", String.valueOf(ProcessHandle.current().pid()))));
  }

  private boolean serves(String title) {
    return (title + " ").contains(" " + database + " ") || !SERVES_ONE_DATABASE.matcher(title).find();
  }

  /** The process title PostgreSQL sets ({@code postgres: 15/main: user db host(port) idle}). */
  private static String readTitle(Path process) {
    try {
      return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  private static String readComm(Path process) {
    try {
      return Files.readString(process.resolve("comm")).strip();
    } catch (IOException gone) {
      return "";
    }
  }

  /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat). */
  private static double seconds(Path process) {
    try {
      return ticks(process, 14) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  /**
   * CPU seconds so far of this process's children that have exited and been waited for, their own children included
   * (cutime + cstime, fields 16 and 17 of /proc/self/stat): a short child's CPU, read before and after it runs.
   */
  static double exitedChildren() throws IOException {
    return ticks(Path.of("/proc/self"), 16) / TICKS_PER_SECOND;
  }

  /** The sum of the /proc/pid/stat fields {@code first} and the one after it (numbered from 1, as in proc(5)). */
  private static long ticks(Path process, int first) throws IOException {
    String stat = Files.readString(process.resolve("stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3, after the name
    return Long.parseLong(fields[first - 3]) + Long.parseLong(fields[first - 2]);
  }
}
