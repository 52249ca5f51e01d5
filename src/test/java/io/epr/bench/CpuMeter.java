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
