package io.epr;

import io.epr.api.ApiTokens;
import io.epr.api.ConnectionGuard;
import io.epr.api.HealthApi;
import io.epr.api.HttpApiVerticle;
import io.epr.api.RateLimits;
import io.epr.api.TokenFileReloads;
import io.epr.api.graphql.GraphQLApi;
import io.epr.api.http.Role;
import io.epr.api.rest.DeadLetterApi;
import io.epr.api.rest.LiveEvents;
import io.epr.api.rest.LiveEventsApi;
import io.epr.api.rest.RestApi;
import io.epr.api.rest.SbomApi;
import io.epr.api.rest.TestReportApi;
import io.epr.api.rest.WhoamiApi;
import io.epr.config.EprConfig;
import io.epr.ingest.IdempotentCreates;
import io.epr.ingest.Ingest;
import io.epr.ingest.UploadPool;
import io.epr.metrics.BlockedThreads;
import io.epr.metrics.EprMetrics;
import io.epr.cdevents.CdeventTranslator;
import io.epr.outbox.CdeventRecords;
import io.epr.outbox.Backlog;
import io.epr.outbox.CdvizSink;
import io.epr.outbox.DeadLetters;
import io.epr.outbox.KafkaSink;
import io.epr.outbox.OutboxDispatcher;
import io.epr.outbox.OutboxLog;
import io.epr.outbox.Sink;
import io.epr.schema.ReceiverSchemas;
import io.epr.store.CdeventStore;
import io.epr.store.IdempotencyStore;
import io.epr.store.Migrations;
import io.epr.store.PgConfig;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: the embedded defaults it needed, the database schema migrated, and its verticles deployed
 * (HTTP API on every core, one outbox dispatcher). Main runs one; tests run one per test class.
 */
public final class EprServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EprServer.class);
  /** How often Idempotency-Keys older than {@link IdempotencyStore#KEPT_HOURS} are deleted. */
  private static final Duration KEY_EXPIRY_INTERVAL = Duration.ofMinutes(10);

  private final EprConfig config;
  private EmbeddedDefaults embedded;
  private Vertx vertx;
  private TokenFileReloads tokenFile;
  private String dispatcherDeployment;

  private EprServer(EprConfig config) {
    this.config = config;
  }

  /** Starts everything and returns once the API listens; throws with a message that names the fix. */
  public static EprServer start(EprConfig config) {
    EprServer server = new EprServer(config);
    try {
      server.startAll();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startAll() {
    Supplier<ApiTokens> tokens;
    if (config.apiTokensFile() == null) {
      ApiTokens fixed = ApiTokens.from(config.apiTokens(), null);
      tokens = () -> fixed;
    } else {
      tokenFile = TokenFileReloads.start(config.apiTokens(), Path.of(config.apiTokensFile()));
      tokens = tokenFile;
    }
    RateLimits rateLimits = config.rateLimit() == 0 ? null : new RateLimits(config.rateLimit(), config.rateBurst());
    CdeventTranslator translator = CdeventTranslator.load(
        config.cdeventsRules() == null ? null : Path.of(config.cdeventsRules()), config.publicUrl());
    ListenPorts.checkFree(config);
    embedded = EmbeddedDefaults.start(config);
    String brokers = embedded.brokers();
    PgConfig pg = PgConfig.fromUrl(embedded.dbUrl());
    // the schema is brought up to date while the rest is built (nothing touches the database before it is), and the
    // GraphQL schema is built beside the rest: start-up takes the longest of them, not their sum
    ExecutorService startup = Executors.newFixedThreadPool(2);
    CompletableFuture<String> migrated = CompletableFuture.supplyAsync(() -> {
      embedded.awaitDatabase();
      return Migrations.migrate(pg);
    }, startup);

    // the first report of a blocked event loop (past 2 s) carries the stack that blocked it
    vertx = Vertx.vertx(new VertxOptions().setWarningExceptionTime(2).setWarningExceptionTimeUnit(TimeUnit.SECONDS));
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(16).setMaxWaitQueueSize(4096))
        .connectingTo(pg.connectOptions())
        .using(vertx)
        .build();
    EprMetrics metrics = new EprMetrics();
    BlockedThreads.count(vertx, metrics);
    RegistryStore registry = new RegistryStore(pool);
    DeadLetters deadLetterStore = new DeadLetters(pool);
    Backlog backlog = new Backlog(pool);
    CdeventStore cdevents = new CdeventStore();
    SbomStore sboms = new SbomStore(pool);
    TestReportStore testReports = new TestReportStore(pool);
    IdempotencyStore keys = new IdempotencyStore(pool);
    IdempotentCreates creates = new IdempotentCreates(keys);
    Ingest ingest = new Ingest(vertx, registry, new OutboxLog(), keys,
        new ReceiverSchemas(Duration.ofSeconds(5), config.schemaRefs()), metrics, config.topic(), translator, cdevents,
        new CdeventRecords(config.cdeventsTopic(), config.cdvizUrl() != null), sboms, testReports,
        new UploadPool(vertx, config.maxUploads(), config.uploadTimeout()), config.publicUrl());
    CompletableFuture<GraphQLApi> graphQLBuilt = CompletableFuture.supplyAsync(
        () -> new GraphQLApi(ingest, registry, deadLetterStore, sboms, testReports, cdevents), startup);
    startup.shutdown();
    List<Sink> sinks = new ArrayList<>();
    sinks.add(new KafkaSink(vertx, brokers, config.kafkaCompression()));
    if (config.cdvizUrl() != null) {
      sinks.add(new CdvizSink(vertx, config.cdvizUrl(), config.cdvizToken(), config.cdvizSecret(),
          config.cdvizMaxAttempts()));
      LOG.info("forwarding CDEvents to the CDViz collector at {}", config.cdvizUrl());
    }
    OutboxDispatcher dispatcher = new OutboxDispatcher(pool, backlog, pg.connectOptions(), sinks,
        OutboxDispatcher.instanceOn(config.port()), config.outboxLeaseSeconds(), metrics);
    RestApi rest = new RestApi(ingest, creates, registry);
    DeadLetterApi deadLetters = new DeadLetterApi(deadLetterStore);
    SbomApi sbomApi = new SbomApi(ingest.sboms(), creates, sboms);
    TestReportApi testReportApi = new TestReportApi(ingest.testReports(), creates, testReports);
    WhoamiApi whoami = new WhoamiApi(() -> tokens.get().on());
    LiveEvents live = new LiveEvents(pg.connectOptions(), registry, metrics);
    LiveEventsApi liveApi = new LiveEventsApi(live);
    HealthApi health = new HealthApi(registry, backlog, brokers, dispatcher::reports);
    ConnectionGuard connections = new ConnectionGuard(config, metrics);

    embedded.awaitDatabase(); // an embedded one that failed says why itself
    try {
      LOG.info("database {} at schema version {}", pg.describe(), migrated.join());
    } catch (CompletionException e) {
      throw new IllegalStateException("no usable PostgreSQL at " + pg.host() + ":" + pg.port() + " (" + pg.describe()
          + "): " + rootMessage(e) + " - start it or set EPR_DB to postgres://user:password@host:port/database", e);
    }
    GraphQLApi graphQL = graphQLBuilt.join();
    // the API answers (and is ready: ingest needs only the database) while an embedded broker may still be starting;
    // what it accepts meanwhile waits in the outbox, whose dispatcher starts once the broker serves
    await(vertx.deployVerticle(live), "cannot LISTEN to PostgreSQL for the live event streams");
    await(ingest.sboms().start().compose(started -> ingest.testReports().start())
        .compose(d -> vertx.deployVerticle(() -> new HttpApiVerticle(config, tokens, rateLimits,
                // the live stream's path before the REST API's /api/v1/events/:id
                List.of(liveApi::mount, rest::mount, deadLetters::mount, sbomApi::mount, testReportApi::mount,
                    whoami::mount), graphQL, health, metrics, connections),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))),
        "cannot listen on " + config.host() + ":" + config.port() + " - is another server using it? set EPR_PORT");
    embedded.awaitBroker();
    dispatcherDeployment = await(vertx.deployVerticle(dispatcher), "cannot start the outbox dispatcher");
    vertx.setPeriodic(KEY_EXPIRY_INTERVAL.toMillis(), t -> keys.forgetExpired()
        .onFailure(e -> LOG.warn("deleting expired Idempotency-Keys: {}", e.getMessage())));
    String scheme = config.tls() ? "https" : "http";
    ApiTokens initial = tokens.get();
    if (initial.on()) {
      LOG.info("access control on: /api and /metrics need a bearer token ({} read, {} write, {} admin tokens from {}{})",
          initial.count(Role.READ), initial.count(Role.WRITE), initial.count(Role.ADMIN), initial.settings(),
          tokenFile == null ? "" : "; the file is read again when it changes and on SIGHUP");
    }
    if (rateLimits != null) {
      LOG.info("rate limit on: each {} may make {}", initial.on()
          ? "token (each client address, for requests without a valid one)" : "client address", rateLimits.budget());
    }
    LOG.info("connect to {}://{}:{}/api/v1/graphql for GraphQL playground", scheme, config.host(), config.port());
  }

  @Override
  public void close() {
    if (tokenFile != null) {
      tokenFile.close();
      tokenFile = null;
    }
    if (vertx != null) {
      if (dispatcherDeployment != null) {
        // first, while the database pool is open: it hands its sinks' leases over to another instance
        try {
          vertx.undeploy(dispatcherDeployment).toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
          LOG.warn("stopping the outbox dispatcher: {}", e.getMessage());
        }
        dispatcherDeployment = null;
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get();
      } catch (InterruptedException | ExecutionException e) {
        LOG.warn("closing Vert.x: {}", e.getMessage());
      }
      vertx = null;
    }
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
  }

  private static <T> T await(Future<T> future, String whatFailed) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(whatFailed + ": " + rootMessage(e), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(whatFailed, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
