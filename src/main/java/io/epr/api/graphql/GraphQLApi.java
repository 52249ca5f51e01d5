package io.epr.api.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.epr.api.http.BodyWork;
import io.epr.api.http.ErrorResponses;
import io.epr.api.http.PageSize;
import io.epr.api.http.RequestTimeouts;
import io.epr.api.http.Role;
import io.epr.ingest.Caller;
import io.epr.ingest.DeadLetterIds;
import io.epr.ingest.Ingest;
import io.epr.ingest.Inputs.EventInput;
import io.epr.ingest.Inputs.GroupInput;
import io.epr.ingest.Inputs.ReceiverInput;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.json.EprJson;
import io.epr.json.JsonLimits;
import io.epr.json.JsonProblems;
import io.epr.json.StrictUtf8;
import io.epr.outbox.DeadLetters;
import io.epr.store.CdeventStore;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import io.epr.wire.Entities;
import io.epr.wire.MapFields;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** EPR's GraphQL API (epr-api.md §3) at POST /api/v1/graphql/query, and GraphiQL at GET /api/v1/graphql. */
public final class GraphQLApi {
  public static final String QUERY_PATH = "/api/v1/graphql/query";
  public static final String GRAPHIQL_PATH = "/api/v1/graphql";

  private final Ingest ingest;
  private final RegistryStore store;
  private final DeadLetters deadLetters;
  private final ProvenanceFetchers provenance;
  private final TestReportFetchers testReports;
  private final GraphQLSchema schema;
  private final GraphQL graphQL;
  private final GraphiQLPage graphiql = new GraphiQLPage(resourceText("/graphql/graphiql-start.graphql"));

  public GraphQLApi(Ingest ingest, RegistryStore store, DeadLetters deadLetters, SbomStore sboms,
      TestReportStore testReports, CdeventStore cdevents) {
    this.ingest = ingest;
    this.store = store;
    this.deadLetters = deadLetters;
    this.provenance = new ProvenanceFetchers(store, sboms, cdevents);
    this.testReports = new TestReportFetchers(testReports);
    TypeDefinitionRegistry types = new SchemaParser().parse(resourceText("/graphql/epr.graphqls"));
    types.merge(new SchemaParser().parse(resourceText("/graphql/epr-extensions.graphqls")));
    this.schema = new SchemaGenerator().makeExecutableSchema(types, wiring());
    this.graphQL = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(errors())
        .preparsedDocumentProvider(new ParsedQueries())
        .instrumentation(new ChainedInstrumentation(new OperationRoles(), QueryLimits.instrumentation())).build();
  }

  public void mount(Router router) {
    router.post(QUERY_PATH).handler(this::query);
    graphiql.mount(router);
  }

  /**
   * Decoding the request, converting its variables and starting its execution take long for a large one (a million
   * variables: 30 s): it is done on a worker thread, so the requests sharing this event loop are not held up.
   */
  private void query(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Role role = Role.ofCaller(ctx);
    Map<Object, Object> context = context(ctx, role);
    Context loop = ctx.vertx().getOrCreateContext();
    Future<CompletionStage<ExecutionResult>> started = BodyWork.on(ctx, body.length, () -> execute(body, role, context));
    started.compose(execution -> Future.fromCompletionStage(execution, loop)).onComplete(done -> {
      if (done.succeeded()) {
        respond(ctx, done.result());
      } else if (done.cause() instanceof Answered answered) {
        answered.answer.handle(ctx);
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** A request answered before anything of it runs, with {@code answer}. */
  private static final class Answered extends RuntimeException {
    private final transient Handler<RoutingContext> answer;

    Answered(Handler<RoutingContext> answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private CompletionStage<ExecutionResult> execute(byte[] body, Role role, Map<Object, Object> context) {
    JsonNode request;
    try {
      String notUtf8 = StrictUtf8.problem(body);
      if (notUtf8 != null) {
        throw new IOException(notUtf8);
      }
      request = EprJson.MAPPER.readTree(body);
      if (request == null || !request.isObject() || !request.path("query").isTextual()) {
        throw new IOException("body must be a JSON object with a \"query\" string");
      }
    } catch (IOException e) {
      String notARequest = (e instanceof JsonProcessingException json ? "invalid JSON: " + JsonProblems.describe(json)
          : e.getMessage()) + "\n";
      throw new Answered(ctx -> ctx.response().setStatusCode(400)
          .putHeader("Content-Type", "text/plain; charset=utf-8").end(notARequest));
    }
    String query = request.get("query").textValue();
    String refused = QueryLimits.tooLong(query);
    if (refused == null && request.path("variables").isObject()) {
      // a number such as 1e999999 is 8 characters, but a million digits to graphql-java's Int coercion (seconds)
      refused = JsonLimits.unstorable("variables", request.get("variables"));
    }
    if (refused != null) {
      return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult()
          .addError(GraphqlErrorBuilder.newError().message(refused).build()).build());
    }
    String operationName = request.path("operationName").isTextual() ? request.get("operationName").textValue() : null;
    ChosenOperation operation = ChosenOperation.of(query, operationName);
    String refusal = role == null || operation == null ? null : operation.requirement().refusal(role);
    if (refusal != null) {
      throw new Answered(new ErrorResponses(403, refusal)::send);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = request.path("variables").isObject()
        ? EprJson.MAPPER.convertValue(request.get("variables"), Map.class) : Map.of();
    if (operation != null) {
      variables = LenientVariables.clean(schema, operation.definition(), variables);
    }
    ExecutionInput input = ExecutionInput.newExecutionInput().query(query).operationName(operationName)
        .variables(variables).graphQLContext(context).build();
    return graphQL.executeAsync(input);
  }

  /** What the fetchers and the role check read: the request's client and, with access control on, its role. */
  private static Map<Object, Object> context(RoutingContext ctx, Role role) {
    Map<Object, Object> context = new HashMap<>();
    context.put(Caller.class, RequestTimeouts.caller(ctx));
    if (role != null) {
      context.put(OperationRoles.CALLER_ROLE, role);
    }
    return context;
  }

  /**
   * The result as JSON: written on the event loop when it is small, as most answers are, on a worker when it holds
   * more than {@link #LONG_LIST} values (a build's hundred thousand CDEvents are megabytes).
   */
  private static void respond(RoutingContext ctx, ExecutionResult result) {
    if (RequestTimeouts.answered(ctx)) {
      return;
    }
    var refused = result.getErrors().stream().filter(OperationRoles.Refused.class::isInstance).findFirst();
    if (refused.isPresent()) {
      new ErrorResponses(403, refused.get().getMessage()).send(ctx);
      return;
    }
    Callable<Buffer> json = () -> Buffer.buffer(EprJson.MAPPER.writeValueAsBytes(result.toSpecification()))
        .appendString("\n");
    Future<Buffer> written;
    if (valuesIn(result.getData(), LONG_LIST) > LONG_LIST) {
      written = ctx.vertx().executeBlocking(json, false);
    } else {
      try {
        written = Future.succeededFuture(json.call());
      } catch (Exception e) {
        written = Future.failedFuture(e);
      }
    }
    written.onComplete(answer -> {
      if (answer.failed()) {
        ctx.fail(answer.cause());
      } else if (!RequestTimeouts.answered(ctx)) {
        ctx.response().putHeader("Content-Type", "application/json").end(answer.result());
      }
    });
  }

  /** How many values {@code data} holds, counted only until more than {@code limit}. */
  private static int valuesIn(Object data, int limit) {
    int count = 0;
    ArrayDeque<Object> waiting = new ArrayDeque<>();
    if (data != null) {
      waiting.push(data);
    }
    while (!waiting.isEmpty() && count <= limit) {
      Object value = waiting.pop();
      count++;
      if (value instanceof Map<?, ?> map) {
        map.values().stream().filter(Objects::nonNull).forEach(waiting::push);
      } else if (value instanceof Collection<?> list) {
        list.stream().filter(Objects::nonNull).forEach(waiting::push);
      }
    }
    return count;
  }

  private RuntimeWiring wiring() {
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
        .scalar(JsonScalars.JSON)
        .scalar(JsonScalars.TIME)
        .type("Query", q -> q
            .dataFetcher("events_by_id", byId("id", store::event, "event", MapFields.of(Entities::event)))
            .dataFetcher("event_receivers_by_id", byId("id", store::receiver, "eventReceiver", MapFields.of(Entities::receiver)))
            .dataFetcher("event_receiver_groups_by_id", byId("id", store::group, "eventReceiverGroup", MapFields.of(Entities::group)))
            .dataFetcher("events", search("event", store::events, MapFields.of(Entities::event)))
            .dataFetcher("event_receivers", search("event_receiver", store::receivers, MapFields.of(Entities::receiver)))
            .dataFetcher("event_receiver_groups", search("event_receiver_group", store::groups, MapFields.of(Entities::group)))
            .dataFetcher("event_search", new EventSearchFetcher(store))
            .dataFetcher("dead_letters", env -> {
              Integer first = env.getArgument("first");
              return async(deadLetters.list(PageSize.of("first", first))
                  .map(letters -> letters.stream().map(MapFields.of(Entities::deadLetter)).toList()));
            }))
        .type("Mutation", m -> m
            .dataFetcher("create_event", env -> {
              Map<String, Object> in = env.getArgument("event");
              return async(ingest.createEvent(new EventInput(str(in, "name"), str(in, "version"), str(in, "release"),
                  str(in, "platform_id"), str(in, "package"), str(in, "description"), (JsonNode) in.get("payload"),
                  Boolean.TRUE.equals(in.get("success")), str(in, "event_receiver_id")), caller(env)));
            })
            .dataFetcher("create_event_receiver", env -> {
              Map<String, Object> in = env.getArgument("event_receiver");
              return async(ingest.createReceiver(new ReceiverInput(str(in, "name"), str(in, "type"), str(in, "version"),
                  str(in, "description"), (JsonNode) in.get("schema")), caller(env)));
            })
            .dataFetcher("create_event_receiver_group", env -> {
              Map<String, Object> in = env.getArgument("event_receiver_group");
              @SuppressWarnings("unchecked")
              List<String> ids = (List<String>) in.get("event_receiver_ids");
              return async(ingest.createGroup(new GroupInput(str(in, "name"), str(in, "type"), str(in, "version"),
                  str(in, "description"), Boolean.TRUE.equals(in.get("enabled")), ids), caller(env)));
            })
            .dataFetcher("set_event_receiver_group_enabled", env ->
                async(ingest.setGroupEnabled(env.getArgument("id"), true, caller(env).cancellation())))
            .dataFetcher("set_event_receiver_group_disabled", env ->
                async(ingest.setGroupEnabled(env.getArgument("id"), false, caller(env).cancellation())))
            .dataFetcher("retry_dead_letter", env -> {
              String id = env.getArgument("id");
              return async(DeadLetterIds.retry(deadLetters, id, caller(env).cancellation()));
            })
            .dataFetcher("retry_dead_letters", env ->
                async(deadLetters.retry(null, caller(env).cancellation()))));
    provenance.wire(wiring);
    testReports.wire(wiring);
    return wiring.build();
  }

  private static <T> DataFetcher<CompletableFuture<List<Map<String, Object>>>> byId(
      String arg, Function<String, Future<T>> find, String kind, Function<T, Map<String, Object>> view) {
    return env -> {
      String id = env.getArgument(arg);
      return async(find.apply(id).map(found -> {
        if (found == null) {
          throw new ObjectNotFoundException(kind, id);
        }
        return List.of(view.apply(found));
      }));
    };
  }

  private static <T> DataFetcher<CompletableFuture<List<Map<String, Object>>>> search(
      String arg, Function<Map<String, Object>, Future<List<T>>> find, Function<T, Map<String, Object>> view) {
    return env -> {
      Map<String, Object> filter = env.getArgument(arg);
      return async(find.apply(filter).map(found -> found.stream().map(view).toList()));
    };
  }

  /** The client of the request a mutation runs for. */
  private static Caller caller(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Caller.class);
  }

  private static String str(Map<String, Object> in, String key) {
    Object v = in.get(key);
    return v == null ? null : v.toString();
  }

  /**
   * A Vert.x future as graphql-java wants it. graphql-java resolves the fields of a value on the thread that completes
   * its future, an event loop for a database answer; a long list (a build's hundred thousand CDEvents) is handed to a
   * pool thread for that instead.
   */
  private static final int LONG_LIST = 1000;

  static <T> CompletableFuture<T> async(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().thenCompose(value ->
        value instanceof Collection<?> list && list.size() > LONG_LIST ? CompletableFuture.supplyAsync(() -> value)
            : CompletableFuture.completedFuture(value));
  }

  /** Errors carry EPR's messages ({@code invalid input: …}, {@code object not found: …}); anything else is internal. */
  private static DataFetcherExceptionHandler errors() {
    return params -> {
      Throwable e = params.getException();
      while (e instanceof CompletionException && e.getCause() != null) {
        e = e.getCause();
      }
      GraphQLError error = GraphqlErrorBuilder.newError(params.getDataFetchingEnvironment())
          .message(ErrorResponses.of(e).message()).build();
      return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    };
  }

  private static String resourceText(String resource) {
    try (InputStream in = GraphQLApi.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException(resource + " missing from the jar", e);
    }
  }
}
