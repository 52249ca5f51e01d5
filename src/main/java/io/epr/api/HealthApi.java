package io.epr.api;

import io.epr.api.http.Routes;
import io.epr.json.EprJson;
import io.epr.model.Times;
import io.epr.outbox.SinkReport;
import io.epr.store.OutboxStore;
import io.epr.store.RegistryStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * /healthz: liveness (the process answers), readiness (PostgreSQL answers: ingest needs nothing else, Kafka is
 * buffered by the outbox), and status (EPR's shape plus the database, broker and outbox state).
 */
public final class HealthApi {
  private final RegistryStore registry;
  private final OutboxStore outbox;
  private final String brokers;
  private final Supplier<List<SinkReport>> sinks;
  private final OffsetDateTime started = OffsetDateTime.now();

  public HealthApi(RegistryStore registry, OutboxStore outbox, String brokers, Supplier<List<SinkReport>> sinks) {
    this.registry = registry;
    this.outbox = outbox;
    this.brokers = brokers;
    this.sinks = sinks;
  }

  public void mount(Router router) {
    Routes.get(router, "/healthz/liveness", ctx -> jsonString(ctx, 200, "{\"alive\":true}"));
    Routes.get(router, "/healthz/readiness", ctx -> registry.ping()
        .onSuccess(ok -> jsonString(ctx, 200, "{\"ready\":true}"))
        .onFailure(e -> jsonString(ctx, 503, "{\"ready\":false}")));
    Routes.get(router, "/healthz/status", this::status);
  }

  private void status(RoutingContext ctx) {
    Future<Boolean> readOnly = registry.readOnly();
    readOnly.compose(ok -> outbox.counts()).onComplete(counts -> {
      boolean dbUp = counts.succeeded();
      String json = EprJson.write(g -> {
        g.writeStartObject();
        g.writeObjectFieldStart("service");
        g.writeStringField("name", "server");
        g.writeStringField("version", HealthApi.class.getPackage().getImplementationVersion() == null
            ? "dev" : HealthApi.class.getPackage().getImplementationVersion());
        g.writeStringField("release", "epr-vertx");
        g.writeEndObject();
        g.writeStringField("uptime", Duration.between(started, OffsetDateTime.now()).toString().substring(2).toLowerCase());
        g.writeBooleanField("debug", false);
        g.writeObjectFieldStart("health");
        g.writeStringField("readiness", dbUp ? "{\"ready\":true}" : "{\"ready\":false}");
        g.writeStringField("liveness", "{\"alive\":true}");
        g.writeEndObject();
        g.writeStringField("start_time", Times.format(started));
        g.writeStringField("host", "");
        g.writeStringField("port", "");
        g.writeObjectFieldStart("metadata");
        g.writeBooleanField("verbose", false);
        g.writeStringField("resources", "");
        g.writeEndObject();
        g.writeObjectFieldStart("database");
        g.writeBooleanField("reachable", dbUp);
        if (dbUp) {
          g.writeBooleanField("read_only", readOnly.result());
        }
        g.writeEndObject();
        OutboxStatus.write(g, brokers, sinks.get(), dbUp ? counts.result() : null);
        g.writeEndObject();
      });
      ctx.response().putHeader("Content-Type", "application/json").end(json + "\n");
    });
  }

  /** EPR answers its probes with a JSON string literal holding JSON. */
  private static void jsonString(RoutingContext ctx, int status, String inner) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end("\"" + inner.replace("\"", "\\\"") + "\"\n");
  }
}
