package io.epr.faults;

import java.nio.file.Path;
import java.util.Optional;

/** The PostgreSQL postmaster running on a data directory, if one is (found by its command line). */
final class LeftoverPostgres {
  private LeftoverPostgres() {}

  static Optional<ProcessHandle> on(Path data) {
    String dir = data.toAbsolutePath().toString();
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .filter(line -> line.contains("bin/postgres") && line.contains(" -D " + dir)).isPresent()).findFirst();
  }
}
