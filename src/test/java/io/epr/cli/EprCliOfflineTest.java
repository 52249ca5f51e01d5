package io.epr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.epr.cli.Cli.Run;
import io.epr.support.TestBroker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the commands do without a registry: help, usage errors, an unreachable URL; headers, against a stand-in. */
class EprCliOfflineTest {
  static final String[] RECEIVER = {"receiver", "create", "--name", "n", "--type", "t", "--version", "1",
      "--description", "d"};

  static String[] plus(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  HttpServer standIn;
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  String answer = "{\"data\":\"01HPW652DSJBHR5K4KCZQ97GJP\"}";

  @BeforeEach
  void startStandIn() throws IOException {
    standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    standIn.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.getRequestBody().readAllBytes();
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    standIn.start();
  }

  @AfterEach
  void stopStandIn() {
    standIn.stop(0);
  }

  Cli standIn() {
    return new Cli("http://127.0.0.1:" + standIn.getAddress().getPort());
  }

  @Test
  void tokenIsSentAsBearer() {
    assertEquals(0, standIn().run(plus(RECEIVER, "--token", "s3cret")).code());
    answer = "{\"data\":{\"events\":[]}}";
    Run search = standIn().run("event", "search", "--token", "s3cret");
    assertEquals("[]\n", search.out());
    assertEquals(List.of("Bearer s3cret", "Bearer s3cret"), authorizations);
  }

  @Test
  void noTokenNoHeader() {
    assertEquals(0, standIn().run(RECEIVER).code());
    assertEquals(List.of("null"), authorizations);
  }

  @Test
  void createPrintsTheServersJsonIndented() {
    assertEquals("{\n  \"data\": \"01HPW652DSJBHR5K4KCZQ97GJP\"\n}\n", standIn().run(RECEIVER).out());
  }

  @Test
  void graphqlErrorsAreTheirMessages() {
    answer = "{\"errors\":[{\"message\":\"boom\"},{\"message\":\"bang\"}],\"data\":null}";
    Run run = standIn().run("group", "search", "--name", "x");
    assertEquals(1, run.code());
    assertEquals("epr: boom\n  bang\n", run.err());
  }

  @Test
  void unreachableRegistryExitsTwo() {
    String url = "http://127.0.0.1:" + TestBroker.freePort();
    Run run = new Cli(url).run(RECEIVER);
    assertEquals(2, run.code());
    assertEquals("epr: cannot reach the registry at " + url + ": connection refused"
        + " (is it running? set --url or EPR_URL)\n", run.err());
  }

  @Test
  void dryRunPrintsCurlWithoutTheToken() {
    Run run = standIn().run("group", "create", "--name", "g", "--type", "t", "--version", "1", "--description",
        "it's", "--event-receiver-ids", "a,b", "--token", "s3cret", "--dry-run");
    assertEquals(0, run.code());
    assertEquals("curl -X POST 'http://127.0.0.1:" + standIn.getAddress().getPort() + "/api/v1/groups'"
        + " -H 'Content-Type: application/json' -H \"Authorization: Bearer $EPR_TOKEN\""
        + " -d '{\"name\":\"g\",\"type\":\"t\",\"version\":\"1\",\"description\":\"it'\\''s\",\"enabled\":true,"
        + "\"event_receiver_ids\":[\"a\",\"b\"]}'\n", run.out());
    assertEquals(List.of(), authorizations);
  }

  @Test
  void badUsageExitsTwo() {
    Run missing = standIn().run("receiver", "create", "--name", "n");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("Missing required options"), missing.err());

    Run payload = standIn().run("event", "create", "--name", "n", "--version", "1", "--release", "r",
        "--platform-id", "p", "--package", "k", "--description", "d", "--event-receiver-id", "e",
        "--payload", "{name:");
    assertEquals(2, payload.code());
    assertTrue(payload.err().contains("Invalid value for option '--payload'"), payload.err());

    Run schema = standIn().run(plus(RECEIVER, "--schema", "{} trailing"));
    assertEquals(2, schema.code());
    assertTrue(schema.err().contains("Invalid value for option '--schema'"), schema.err());

    Run schemaFile = standIn().run(plus(RECEIVER, "--schema", "README.md"));
    assertEquals(2, schemaFile.code());
    assertTrue(schemaFile.err().contains("README.md is not valid JSON"), schemaFile.err());

    Run fields = standIn().run("event", "search", "--fields", "id,nope");
    assertEquals(2, fields.code());
    assertTrue(fields.err().contains("Unknown field 'nope'"), fields.err());

    String[] nvrpp = {"--name", "n", "--version", "1", "--release", "r", "--platform-id", "p", "--package", "k"};
    Run noFile = standIn().run(plus(new String[] {"test-report", "post"}, nvrpp));
    assertEquals(2, noFile.code());
    assertTrue(noFile.err().contains("Missing the file to post: give it as the argument or with --file FILE"),
        noFile.err());
    Run twoFiles = standIn().run(plus(new String[] {"sbom", "post", "a.json", "--file", "b.json"}, nvrpp));
    assertEquals(2, twoFiles.code());
    assertTrue(twoFiles.err().contains("Two files given, 'a.json' and --file 'b.json'"), twoFiles.err());

    assertEquals(2, standIn().run("receiver").code());
    assertEquals(2, Cli.runAsIs("receiver", "search", "--url", "localhost:8042").code());
    assertEquals(List.of(), authorizations);
  }

  @Test
  void helpNamesEachCommandsOptions() {
    Map<List<String>, List<String>> options = Map.of(
        List.of("receiver", "create"), List.of("--name", "--type", "--version", "--description", "--schema"),
        List.of("receiver", "search"), List.of("--id", "--name", "--type", "--version", "--fields"),
        List.of("group", "create"), List.of("--name", "--type", "--version", "--description",
            "--event-receiver-ids", "--enabled"),
        List.of("group", "search"), List.of("--id", "--name", "--type", "--version", "--fields"),
        List.of("event", "create"), List.of("--name", "--version", "--release", "--platform-id", "--package",
            "--description", "--event-receiver-id", "--payload", "--success"),
        List.of("event", "search"), List.of("--id", "--name", "--version", "--release", "--platform-id",
            "--package", "--success", "--event-receiver-id", "--fields"),
        List.of("sbom", "post"), List.of("FILE", "--name", "--version", "--release", "--platform-id", "--package",
            "--description"),
        List.of("provenance"), List.of("--name", "--version", "--release", "--platform-id", "--package"));
    options.forEach((command, names) -> {
      String[] args = new String[command.size() + 1];
      command.toArray(args);
      args[command.size()] = "--help";
      Run help = Cli.runAsIs(args);
      assertEquals(0, help.code(), command.toString());
      for (String name : names) {
        assertTrue(help.out().contains(name), command + " help lacks " + name + ":\n" + help.out());
      }
      for (String common : List.of("--url", "--token", "--dry-run", "--no-indent", "Examples:")) {
        assertTrue(help.out().contains(common), command + " help lacks " + common + ":\n" + help.out());
      }
    });
    for (String group : List.of("receiver", "group", "event", "sbom")) {
      Run help = Cli.runAsIs(group, "--help");
      assertEquals(0, help.code());
      assertTrue(help.out().contains("create") || help.out().contains("post"), help.out());
    }
  }

  @Test
  void tokenHashPrintsTheLineOfTheTokenFile() {
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertEquals(abc + "\n", Cli.runAsIs("token-hash", "abc").out());
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8)));
      assertEquals(abc + "\n", Cli.runAsIs("token-hash").out());
      System.setIn(new ByteArrayInputStream(new byte[0]));
      Run none = Cli.runAsIs("token-hash");
      assertEquals(2, none.code());
      assertEquals("epr: token-hash needs a token (as an argument or on stdin)\n", none.err());
    } finally {
      System.setIn(stdin);
    }
  }

  /** {@code epr --help} leads with what users do; the server's flags are under {@code epr serve --help}. */
  @Test
  void helpLeadsWithTheClientCommandsAndServeLast() {
    Run help = Cli.runAsIs("--help");
    assertEquals(0, help.code());
    String commands = help.out().substring(help.out().indexOf("Commands:"));
    List<String> order = List.of("receiver", "event", "group", "sbom", "test-report", "provenance", "components",
        "watch", "dead-letters", "serve");
    int previous = -1;
    for (String command : order) {
      int at = commands.indexOf("\n  " + command + " ");
      assertTrue(at > previous, command + " out of place in:\n" + help.out());
      previous = at;
    }
    assertTrue(help.out().indexOf("Commands:") < help.out().indexOf("Examples:"), help.out());
    assertTrue(!help.out().contains("EPR_PORT") && !help.out().contains("--max-body"), help.out());

    Run serve = Cli.runAsIs("serve", "--help");
    assertEquals(0, serve.code());
    assertTrue(serve.out().startsWith("usage: epr serve [flags]"), serve.out());
    assertTrue(serve.out().contains("--port") && serve.out().contains("EPR_PORT"), serve.out());
  }

  @Test
  void badServerFlagIsAUsageErrorThatStartsNothing() {
    Run run = Cli.runAsIs("serve", "--port", "eighty");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("EPR_PORT") && run.err().contains("epr serve --help lists the flags"), run.err());
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Run command = Cli.runAsIs("recevier", "create", "--name", "n");
    assertEquals(2, command.code());
    assertEquals("epr: unknown command 'recevier' — did you mean 'receiver'?\n", command.err());
    assertEquals("", command.out());

    Run sub = Cli.runAsIs("receiver", "crate");
    assertEquals(2, sub.code());
    assertEquals("epr: unknown command 'crate' for 'epr receiver' — did you mean 'create'?\n", sub.err());

    Run option = standIn().run("event", "search", "--naem", "x");
    assertEquals(2, option.code());
    assertEquals("epr: unknown option '--naem' for 'epr event search' — did you mean '--name'?\n", option.err());
    assertEquals(List.of(), authorizations);
  }

  /** --url, --token, --dry-run and --no-indent work before the command too; given after it, they win. */
  @Test
  void registryFlagsBeforeTheCommand() {
    String url = "http://127.0.0.1:" + standIn.getAddress().getPort();
    answer = "{\"data\":{\"events\":[{\"id\":\"e\"}]}}";
    Run before = Cli.runAsIs("--url", url, "--token", "s3cret", "--no-indent", "event", "search");
    assertEquals(0, before.code(), before.err());
    assertEquals("[{\"id\":\"e\"}]\n", before.out());
    assertEquals(List.of("Bearer s3cret"), authorizations);

    String nowhere = "http://127.0.0.1:" + TestBroker.freePort();
    Run after = Cli.runAsIs("--url", nowhere, "--token", "old", "event", "search", "--url", url, "--token", "new");
    assertEquals(0, after.code(), after.err());
    assertEquals(List.of("Bearer s3cret", "Bearer new"), authorizations);

    Run dry = Cli.runAsIs("--dry-run", "--url", url, "dead-letters", "list");
    assertEquals("curl -X GET '" + url + "/api/v1/dead-letters'\n", dry.out());
    assertEquals(2, authorizations.size());

    Run notTheirs = Cli.runAsIs("--url", url, "token-hash", "abc");
    assertEquals(2, notTheirs.code());
    assertEquals("epr: --url before 'token-hash' is not one of its flags (epr token-hash --help lists them)\n",
        notTheirs.err());
  }

  @Test
  void versionIsTheProjects() {
    Run version = Cli.runAsIs("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().matches("epr \\d+\\.\\d+\\.\\d+[^$]*\n"), version.out());
  }

  @Test
  void newCommandsSendTheirRequests() {
    String url = "http://127.0.0.1:" + standIn.getAddress().getPort();
    assertEquals("curl -X PATCH '" + url + "/api/v1/groups/g1' -H 'Content-Type: application/json'"
        + " -d '{\"enabled\":false}'\n", standIn().run("group", "modify", "--id", "g1", "--disable", "--dry-run").out());
    assertEquals("curl -X POST '" + url + "/api/v1/dead-letters/7/retry' -H 'Content-Type: application/json'"
        + " -d '{}'\n", standIn().run("dead-letters", "retry", "--id", "7", "--dry-run").out());
    Run both = standIn().run("group", "modify", "--id", "g1", "--disable", "--enable");
    assertEquals(2, both.code());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
    assertEquals(List.of(), authorizations);
  }
}
