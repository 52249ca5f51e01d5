package io.epr;

import io.epr.cli.EprCli;
import io.epr.config.EprConfig;
import io.epr.config.Logging;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar epr.jar [flags]}: runs the service until SIGINT/SIGTERM; {@code java -jar epr.jar <command>}: the CLI. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && EprCli.isCommand(args[0])) {
      System.exit(EprCli.run(args));
    }
    List<String> argList = Arrays.asList(args);
    if (argList.contains("--help") || argList.contains("-h")) {
      System.out.print(EprConfig.usage());
      System.out.println("\nCommands (epr <command> --help): " + String.join(", ", EprCli.commands()));
      return;
    }
    EprConfig config;
    try {
      config = EprConfig.from(argList, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("epr: " + e.getMessage() + "\n\n" + EprConfig.usage());
      System.exit(2);
      return;
    }
    Logging.configure(config.jsonLogging(), config.debug());
    EprServer server;
    try {
      server = EprServer.start(config);
    } catch (RuntimeException e) {
      System.err.println("epr: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "epr-shutdown"));
  }
}
