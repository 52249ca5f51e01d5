package io.epr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.ServeCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs {@code epr …} in-process against one registry URL, as the jar's main would. */
final class Cli {
  private final String url;

  Cli(String url) {
    this.url = url;
  }

  record Run(int code, String out, String err) {
    JsonNode json() {
      try {
        return Output.JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON (exit " + code + ", stderr " + err + "): " + out, e);
      }
    }

    /** The id in a create's {"data":"<id>"}. */
    String id() {
      if (code != 0) {
        throw new AssertionError("exit " + code + ": " + err);
      }
      return json().get("data").asText();
    }
  }

  Run run(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--url";
    all[args.length + 1] = url;
    return runAsIs(all);
  }

  static Run runAsIs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EprCli.commandLine(new ServeCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
