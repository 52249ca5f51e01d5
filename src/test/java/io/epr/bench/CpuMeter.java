package io.epr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds used by the server, PostgreSQL (all its processes) and this bench process (load, broker, collector,
 * readers) between two readings of /proc: where a run's CPU went on a machine whose cores it saturates.
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  record Reading(double server, double postgres, double bench) {
    Reading minus(Reading earlier) {
      return new Reading(server - earlier.server, postgres - earlier.postgres, bench - earlier.bench);
    }

    String perThousand(long events) {
      double k = events / 1000.0;
      return String.format("server %.2f s, PostgreSQL %.2f s, bench (load, broker, collector) %.2f s", server / k,
          postgres / k, bench / k);
    }
  }

  private final long serverPid;

  CpuMeter(long serverPid) {
    this.serverPid = serverPid;
  }

  Reading read() throws IOException {
    double postgres = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("\\d+"))::iterator) {
        if (readComm(p).equals("postgres")) {
          postgres += seconds(p);
        }
      }
    }
    return new Reading(seconds(Path.of("/proc", String.valueOf(serverPid))), postgres,
        seconds(Path.of("/proc", String.valueOf(ProcessHandle.current().pid()))));
  }

  private static String readComm(Path process) {
    try {
      return Files.readString(process.resolve("comm")).strip();
    } catch (IOException gone) {
      return "";
    }
  }

  /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat, after the parenthesised name). */
  private static double seconds(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }
}
