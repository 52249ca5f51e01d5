package io.epr;

import io.epr.cli.EprCli;

/**
 * {@code java -jar epr.jar <command>} (bin/epr): the CLI; without arguments, or with a server flag first, it serves
 * ({@code epr serve}), as users, compose's Dockerfile and .ci/run start it.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String[] command = args;
    if (ServeCommand.serves(args)) {
      command = new String[args.length + 1];
      command[0] = "serve";
      System.arraycopy(args, 0, command, 1, args.length);
    }
    System.exit(EprCli.run(new ServeCommand(), command));
  }
}
