package io.epr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that talks to the registry: a failed request is one line on stderr and its exit code. */
abstract class RegistryCommand implements Callable<Integer> {
  @Mixin
  RegistryOptions registry;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  /** Sends the command's request(s) and prints the result. */
  abstract void run(RegistryClient client, Output output);

  /** The file, when it can be read; else the command line's error. */
  Path readable(DocumentFile document) {
    if (document.twoGiven()) {
      throw new ParameterException(spec.commandLine(), "Two files given, '" + document.argument + "' and --file '"
          + document.option + "': post one at a time");
    }
    Path file = document.path();
    if (file == null) {
      throw new ParameterException(spec.commandLine(), "Missing the file to post: give it as the argument or with "
          + "--file FILE");
    }
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ParameterException(spec.commandLine(), "Cannot read the file '" + file + "'");
    }
    return file;
  }

  @Override
  public final Integer call() {
    registry.orBefore(((EprCli) spec.root().userObject()).registry, spec.commandLine().getParseResult());
    Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), !registry.noIndent);
    try {
      run(new RegistryClient(registry, output), output);
      return 0;
    } catch (RegistryException e) {
      output.error(e.getMessage());
      return e.exitCode;
    }
  }
}
