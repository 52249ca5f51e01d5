package io.epr.cli;

import io.epr.mcp.McpCommand;
import io.epr.watcher.WatchCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code epr <command>} ({@code bin/epr}, or {@code java -jar epr.jar <command>}): the registry's clients first, and
 * the server as {@code epr serve}, which is also what the jar does without arguments. The server's command is handed in
 * by the jar's main, which sits above both. The registry flags (--url, --token, --dry-run, --no-indent) may come before
 * the command as well as after it.
 */
@Command(name = "epr", versionProvider = EprVersion.class,
    description = {"Event Provenance Registry: record what your builds did (events, SBOMs, test reports) and ask what"
        + " is known about them.", "Without a command, epr serves (epr serve)."},
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {ReceiverCommand.class, EventCommand.class, GroupCommand.class, SbomCommand.class,
        TestReportCommand.class, ProvenanceCommand.class, ComponentsCommand.class, WatchCommand.class,
        DeadLettersCommand.class, McpCommand.class, TokenHashCommand.class},
    footerHeading = "%n",
    footer = {"The registry flags may come before or after the command; 'epr COMMAND --help' tells more.",
        "Examples:",
        "  epr --url http://epr.example:8042 receiver search --name foobar",
        "  epr components --purl pkg:npm/lodash@4.17.21",
        "  epr serve --port 8042"})
public final class EprCli extends CommandGroup {
  @Mixin
  RegistryOptions registry;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
  boolean version;

  private EprCli() {}

  /** The command line with {@code serve} (a picocli command) last. */
  static CommandLine commandLine(Object serve) {
    CommandLine cli = new CommandLine(new EprCli()).addSubcommand(serve);
    IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> e instanceof UnmatchedArgumentException unmatched
        ? unknown(unmatched) : standard.handleParseException(e, args));
    cli.setExecutionStrategy(EprCli::execute);
    return cli;
  }

  /** Runs the command, {@code serve} being the server's; its exit code. */
  public static int run(Object serve, String... args) {
    return commandLine(serve).execute(args);
  }

  /** The registry flags given before a command that does not talk to the registry through them are refused. */
  private static int execute(ParseResult top) {
    ParseResult last = top;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    if (last != top && !(last.commandSpec().userObject() instanceof RegistryCommand)) {
      List<String> given = RegistryOptions.NAMES.stream().filter(top::hasMatchedOption).toList();
      if (!given.isEmpty()) {
        String name = last.commandSpec().name();
        PrintWriter err = top.commandSpec().commandLine().getErr();
        err.println("epr: " + String.join(", ", given) + " before '" + name + "' is not one of its flags (epr " + name
            + " --help lists them)");
        err.flush();
        return CommandLine.ExitCode.USAGE;
      }
    }
    return new RunLast().execute(top);
  }

  /** A mistyped command or flag: one line on stderr with picocli's closest match, and exit 2. */
  private static int unknown(UnmatchedArgumentException e) {
    CommandLine command = e.getCommandLine();
    String word = e.getUnmatched().get(0);
    String what = e.isUnknownOption() ? "option" : command.getSubcommands().isEmpty() ? "argument" : "command";
    String where = command.getParent() == null ? "" : " for '" + command.getCommandSpec().qualifiedName() + "'";
    List<String> suggestions = e.getSuggestions();
    String hint = suggestions.isEmpty() ? " (" + command.getCommandSpec().qualifiedName() + " --help lists them)"
        : " — did you mean '" + suggestions.get(0) + "'?";
    command.getErr().println("epr: unknown " + what + " '" + word + "'" + where + hint);
    command.getErr().flush();
    return CommandLine.ExitCode.USAGE;
  }
}
