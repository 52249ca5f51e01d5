package io.epr;

import io.epr.cli.EprCli;
import java.util.regex.Pattern;

/**
 * {@code java -jar epr.jar <command>} (bin/epr): the CLI; without arguments, or with a server flag first, it serves
 * ({@code epr serve}), as users, compose's Dockerfile and .ci/run start it.
 */
public final class Main {
  /** The JDK's name for the thread of an HttpClient that waits for its sockets. */
  private static final Pattern HTTP_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

  private Main() {}

  public static void main(String[] args) {
    String[] command = args;
    if (ServeCommand.serves(args)) {
      command = new String[args.length + 1];
      command[0] = "serve";
      System.arraycopy(args, 0, command, 1, args.length);
    }
    int exitCode = EprCli.run(new ServeCommand(), command);
    endHttpSelectors();
    System.exit(exitCode);
  }

  /**
   * A JVM that exits first waits up to 0.3 s (longer on a busy machine) for the threads still in native code, and an
   * HttpClient's selector thread stays there, waiting for its sockets, until the client is unreachable and it wakes,
   * or it is interrupted (Java 17's HttpClient has no close()): a CLI call that had sent a request ended 0.3–0.5 s
   * after its answer. The process is ending, so those threads are ended first; each closes its client's connections.
   */
  private static void endHttpSelectors() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (HTTP_SELECTOR.matcher(thread.getName()).matches()) {
        thread.interrupt();
        try {
          thread.join(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
