package io.epr;

import io.epr.config.EprConfig;
import io.epr.config.Logging;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code epr serve [flags]}: the registry itself, until SIGINT/SIGTERM. Its flags are the server's settings
 * ({@link EprConfig}), each also an environment variable, so they are passed through as they are and listed by
 * {@code epr serve --help}.
 */
@Command(name = "serve", description = "Run the registry (what epr does without a command) until SIGINT/SIGTERM.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, help = true, description = "Show the server's flags and exit.")
  boolean help;

  @Unmatched
  List<String> flags = new ArrayList<>();

  @Spec
  CommandSpec spec;

  /** Whether the jar's arguments are for the server: none, or a server flag first ({@code epr.jar --port 8042}). */
  static boolean serves(String... args) {
    return args.length == 0 || Arrays.stream(EprConfig.Setting.values())
        .anyMatch(s -> args[0].equals(s.flag()) || args[0].startsWith(s.flag() + "="));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (help) {
      spec.commandLine().getOut().print(EprConfig.usage());
      spec.commandLine().getOut().flush();
      return 0;
    }
    EprConfig config;
    try {
      config = EprConfig.from(flags, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + " (epr serve --help lists the flags)");
    }
    Logging.configure(config.jsonLogging(), config.debug());
    EprServer server;
    try {
      server = EprServer.start(config);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("epr: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "epr-shutdown"));
    stopped.await();
    return 0;
  }
}
