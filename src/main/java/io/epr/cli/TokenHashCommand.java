package io.epr.cli;

import io.epr.api.ApiTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code epr token-hash}: an API token's hash, as a line of EPR_API_TOKENS_FILE holds it. */
@Command(name = "token-hash", mixinStandardHelpOptions = true,
    description = {"Print the SHA-256 hash (hex) of an API token, for a role:hash line of the server's "
        + "EPR_API_TOKENS_FILE. Without TOKEN, reads it from the first line of stdin (keeps it out of shell history)."},
    footerHeading = "%nExamples:%n",
    footer = {"  echo \"write:$(epr token-hash \"$TOKEN\")\" >> tokens.txt",
        "  epr token-hash < token.txt"})
final class TokenHashCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "the token (default: the first line of stdin)")
  String token;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String value = token != null ? token
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (value == null || value.isBlank()) {
      spec.commandLine().getErr().println("epr: token-hash needs a token (as an argument or on stdin)");
      return 2;
    }
    // the server trims the tokens it is given and is sent, so the hash is of the trimmed token too
    spec.commandLine().getOut().println(ApiTokens.sha256Hex(value.trim()));
    return 0;
  }
}
