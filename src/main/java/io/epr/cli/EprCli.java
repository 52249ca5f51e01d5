package io.epr.cli;

import io.epr.mcp.McpCommand;
import io.epr.watcher.WatchCommand;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar epr.jar <command>} (or {@code bin/epr <command>}): the registry's clients in the server's jar.
 * Without a command the jar runs the server.
 */
@Command(name = "epr", mixinStandardHelpOptions = true, version = "epr 0.1.0",
    description = "Event Provenance Registry: run the server (no command), or use it from the command line.",
    subcommands = {ReceiverCommand.class, GroupCommand.class, EventCommand.class, SbomCommand.class,
        TestReportCommand.class,
        ProvenanceCommand.class, WatchCommand.class, McpCommand.class, TokenHashCommand.class})
public final class EprCli {
  private EprCli() {}

  static CommandLine commandLine() {
    return new CommandLine(new EprCli());
  }

  /** Whether {@code arg} names a command (so the jar runs it instead of the server). */
  public static boolean isCommand(String arg) {
    return commandLine().getSubcommands().containsKey(arg) || Set.of("help").contains(arg);
  }

  public static java.util.Set<String> commands() {
    return commandLine().getSubcommands().keySet();
  }

  /** Runs the command; its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }
}
