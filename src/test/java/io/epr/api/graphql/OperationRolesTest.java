package io.epr.api.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.epr.api.graphql.MixedOperations.Document;
import io.epr.api.graphql.MixedOperations.Effect;
import io.epr.api.graphql.MixedOperations.NameForm;
import io.epr.api.graphql.MixedOperations.Naming;
import io.epr.api.graphql.MixedOperations.Operation;
import io.epr.api.http.Role;
import io.epr.support.Bodies;
import io.epr.support.EprTestServer;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.TestBroker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A token's role decides what the operation graphql-java really runs may do, however the request names it (issue 11,
 * item 1). Generated documents ({@link MixedOperations}) are sent with every way of naming an operation (none, null,
 * "", each name, an unknown one) with a read, a write and an admin token. After each try the store is compared with
 * what it was: unchanged where the role does not cover the operation that runs (refused 403 in EPR's envelope) or
 * where none runs; changed by exactly that operation's fields where the role covers it.
 */
class OperationRolesTest {
  private static final int DOCUMENTS = 150;
  private static final long SEED = 11;
  private static final long DEAD_LETTER = 424242;
  private static final String PATH = "/api/v1/graphql/query";
  private static final Map<Role, String> TOKENS = Map.of(Role.READ, "read-" + UUID.randomUUID(),
      Role.WRITE, "write-" + UUID.randomUUID(), Role.ADMIN, "admin-" + UUID.randomUUID());

  private static EprTestServer server;
  private static Connection db;
  private static String receiverId;
  private static String groupId;

  /** What the tries can change, read in one statement. */
  record State(long events, long receivers, long groups, long members, long deadLetters, String fixtureGroup,
      String allGroups, long outboxSequence) {}

  @BeforeAll
  static void start() throws SQLException {
    server = new EprTestServer(TestBroker.sharedBootstrap(), Map.of("EPR_API_TOKENS",
        "read:" + TOKENS.get(Role.READ) + ",write:" + TOKENS.get(Role.WRITE) + ",admin:" + TOKENS.get(Role.ADMIN)));
    Http admin = server.http.withToken(TOKENS.get(Role.ADMIN));
    receiverId = admin.post("/api/v1/receivers", Bodies.receiver("fixture", "t")).id();
    groupId = admin.post("/api/v1/groups", Bodies.group("g", receiverId)).id();
    db = server.db.connect();
  }

  @AfterAll
  static void stop() throws SQLException {
    db.close();
    server.close();
  }

  @Test
  void eachRoleRunsOnlyWhatItCovers() throws SQLException, InterruptedException {
    MixedOperations documents = new MixedOperations(SEED, receiverId, groupId, DEAD_LETTER);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> tally = new TreeMap<>();
    long refusalNanos = 0;
    int tries = 0;
    for (int d = 0; d < DOCUMENTS; d++) {
      Document document = documents.next();
      for (Naming naming : document.namings()) {
        Operation runs = document.runs(naming);
        for (Role role : Role.values()) {
          seedDeadLetter();
          State before = state();
          long sent = System.nanoTime();
          Response response = server.http.withToken(TOKENS.get(role)).post(PATH, document.body(naming));
          long took = System.nanoTime() - sent;
          State after = state();
          tries++;
          String outcome = runs == null ? "runs none" : role.covers(runs.needs()) ? "ran" : "refused";
          if (outcome.equals("refused")) {
            refusalNanos += took;
          }
          tally.merge(outcome + " " + (runs == null ? "" : runs.kind() + " needing " + runs.needs() + " ")
              + "by " + role, 1, Integer::sum);
          if (naming.form() == NameForm.EMPTY && document.operations().size() > 1 && outcome.equals("refused")) {
            tally.merge("refused, operationName \"\" among several operations", 1, Integer::sum);
          }
          String wrong = judge(response, runs, role, before, after);
          if (wrong != null) {
            failures.add(role + " token, " + naming + ": " + wrong + "\n  document: " + document.text()
                + "\n  variables: " + document.variables() + "\n  answer " + response.status() + ": "
                + response.body().strip());
          }
        }
      }
    }
    int refused = tally.entrySet().stream().filter(e -> e.getKey().startsWith("refused ")).mapToInt(Map.Entry::getValue)
        .sum();
    System.out.printf("%d documents, %d tries (%d refused, mean refusal %.1f ms): %s%n", DOCUMENTS, tries, refused,
        refusalNanos / 1e6 / Math.max(1, refused), tally);
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " of " + tries
        + " tries went wrong");
    for (String needed : List.of("refused, operationName \"\" among several operations",
        "refused MUTATION needing admin by write", "refused MUTATION needing write by read",
        "ran MUTATION needing admin by admin", "ran MUTATION needing write by write", "ran QUERY needing read by read")) {
      assertTrue(tally.getOrDefault(needed, 0) > 0, "the documents never tried: " + needed);
    }
  }

  /**
   * The second guard on its own, with no check before execution: graphql-java itself, given the caller's role, aborts
   * the operation it starts (the first of two for operationName "") before any field runs when the role falls short.
   */
  @Test
  void theOperationGraphqlJavaStartsIsCheckedAsItStarts() {
    AtomicInteger retries = new AtomicInteger();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(
        "type Query { q: Int } type Mutation { retry_dead_letters: Int create_event: ID }"),
        RuntimeWiring.newRuntimeWiring().type("Mutation", m -> m
            .dataFetcher("retry_dead_letters", env -> retries.incrementAndGet())
            .dataFetcher("create_event", env -> "created")).build());
    GraphQL graphQL = GraphQL.newGraphQL(schema).instrumentation(new OperationRoles()).build();
    String document = "mutation M { ...F } query Q { q } fragment F on Mutation { again: retry_dead_letters create_event }";
    for (Role role : Role.values()) {
      ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput().query(document).operationName("")
          .graphQLContext(Map.of(OperationRoles.CALLER_ROLE, role)));
      if (role == Role.ADMIN) {
        assertEquals(List.of(), result.getErrors());
        assertEquals(1, retries.get());
      } else {
        assertEquals(1, result.getErrors().size(), result.toString());
        assertTrue(result.getErrors().get(0) instanceof OperationRoles.Refused, result.toString());
        assertEquals("this token has role " + role + "; the GraphQL mutation retry_dead_letters needs admin",
            result.getErrors().get(0).getMessage());
        assertEquals(0, retries.get(), "no field runs once the operation is refused");
      }
    }
    assertEquals(Map.of("again", 2, "create_event", "created"), graphQL.execute(ExecutionInput.newExecutionInput()
        .query(document).operationName("")).getData(), "with access control off nothing is checked");
  }

  /** What is wrong with this answer and what it did to the store; null when nothing is. */
  private static String judge(Response response, Operation runs, Role role, State before, State after) {
    if (response.status() >= 500) {
      return "answered " + response.status();
    }
    if (runs == null) {
      boolean refusedByGraphQL = response.status() == 200 && response.json().path("errors").size() > 0;
      if (!refusedByGraphQL && response.status() != 403) {
        return "graphql-java runs no operation here, yet the answer is neither its errors nor a 403";
      }
      return after.equals(before) ? null : "no operation runs here, yet the store changed: " + before + " -> " + after;
    }
    if (!role.covers(runs.needs())) {
      String expected = "this token has role " + role + "; " + runs.action() + " needs " + runs.needs();
      if (response.status() != 403 || !response.json().path("data").isNull()
          || !expected.equals(response.json().path("errors").path(0).asText())) {
        return "the operation that runs (" + runs.kind() + " " + runs.name() + ") needs " + runs.needs()
            + ", expected a 403 saying '" + expected + "'";
      }
      return after.equals(before) ? null : "refused, yet the store changed: " + before + " -> " + after;
    }
    if (response.status() != 200) {
      return "the role covers the operation that runs, yet it was answered " + response.status();
    }
    JsonNode errors = response.json().path("errors");
    if (runs.kind() == MixedOperations.Kind.QUERY) {
      return errors.size() == 0 && after.equals(before) ? null : "a query ran with errors or changed the store";
    }
    long retries = runs.count(Effect.DEAD_LETTER);
    if ((errors.size() > 0) != (runs.failing() >= 0)) {
      return "the mutation that runs " + (errors.size() > 0 ? "failed" : "should have failed at a second retry");
    }
    State expected = new State(before.events() + runs.count(Effect.EVENT),
        before.receivers() + runs.count(Effect.RECEIVER), before.groups() + runs.count(Effect.GROUP),
        before.members() + runs.count(Effect.GROUP), retries > 0 ? 0 : before.deadLetters(), null, null, 0);
    State seen = new State(after.events(), after.receivers(), after.groups(), after.members(), after.deadLetters(),
        null, null, 0);
    if (!expected.equals(seen)) {
      return "the mutation that runs should have left " + expected + ", it left " + seen + " (fields " + runs.fields()
          + ")";
    }
    boolean groupSet = !after.fixtureGroup().equals(before.fixtureGroup());
    return groupSet == runs.count(Effect.GROUP_STATE) > 0 ? null
        : "the group was " + (groupSet ? "" : "not ") + "enabled or disabled, its fields being " + runs.fields();
  }

  /**
   * The dead letter the retries put back, there again before each try. A retried one keeps its id in the outbox until
   * it is delivered, so it is put back once it is.
   */
  private static void seedDeadLetter() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    try (Statement s = db.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM epr_dead_letters WHERE id = " + DEAD_LETTER
            + "), EXISTS (SELECT 1 FROM epr_outbox WHERE id = " + DEAD_LETTER + ")")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
          if (!rs.getBoolean(2)) {
            break;
          }
        }
        assertTrue(System.nanoTime() < deadline, "the retried dead letter was not delivered within 30 s");
        Thread.sleep(10);
      }
      s.execute("INSERT INTO epr_dead_letters (id, record_id, sink, topic, payload, attempts, reason, created_at) "
          + "VALUES (" + DEAD_LETTER + ", 'r-1', 'kafka', '" + server.topic + "', '{}', 1, 'test', now())");
    }
  }

  private static State state() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT "
        + "(SELECT count(*) FROM events), (SELECT count(*) FROM event_receivers), "
        + "(SELECT count(*) FROM event_receiver_groups), (SELECT count(*) FROM event_receiver_group_to_event_receivers), "
        + "(SELECT count(*) FROM epr_dead_letters), "
        + "(SELECT enabled || ':' || updated_at FROM event_receiver_groups WHERE id = '" + groupId + "'), "
        + "(SELECT md5(coalesce(string_agg(id || ':' || enabled || ':' || updated_at, ',' ORDER BY id), '')) "
        + "FROM event_receiver_groups), "
        + "(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM epr_outbox_id_seq)")) {
      rs.next();
      return new State(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
          rs.getString(7), rs.getLong(8));
    }
  }
}
