package io.epr.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.ingest.Caller;
import io.epr.ingest.IdempotentCreates;
import io.epr.ingest.Ingest;
import io.epr.ingest.Inputs.EventInput;
import io.epr.ingest.Inputs.GroupInput;
import io.epr.ingest.Inputs.ReceiverInput;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.model.EprJson;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.store.RegistryStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.BiFunction;
import io.epr.api.HttpApiVerticle;
import io.epr.api.RequestTimeouts;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** EPR's REST API (epr-api.md §2): create and get events, receivers and groups, and enable or disable a group. */
public final class RestApi {
  /** Bodies larger than this (SBOM events) are parsed on a worker thread, not on the event loop. */
  private static final int PARSE_ON_WORKER_BYTES = 256 * 1024;

  private final Ingest ingest;
  private final IdempotentCreates creates;
  private final RegistryStore store;

  public RestApi(Ingest ingest, IdempotentCreates creates, RegistryStore store) {
    this.ingest = ingest;
    this.creates = creates;
    this.store = store;
  }

  public void mount(Router router) {
    router.post("/api/v1/events").handler(this::createEvent);
    HttpApiVerticle.get(router, "/api/v1/events/:id", this::getEvent);
    router.post("/api/v1/receivers").handler(this::createReceiver);
    HttpApiVerticle.get(router, "/api/v1/receivers/:id", this::getReceiver);
    router.post("/api/v1/groups").handler(this::createGroup);
    HttpApiVerticle.get(router, "/api/v1/groups/:id", this::getGroup);
    router.patch("/api/v1/groups/:id").handler(this::patchGroup);
  }

  private void createEvent(RoutingContext ctx) {
    created(ctx, "Event", (b, caller) -> ingest.createEvent(new EventInput(b.string("name"), b.string("version"),
        b.string("release"), b.string("platform_id"), b.string("package"), b.string("description"), b.json("payload"),
        b.bool("success"), b.string("event_receiver_id")), caller));
  }

  private void createReceiver(RoutingContext ctx) {
    created(ctx, "EventReceiver", (b, caller) -> ingest.createReceiver(new ReceiverInput(b.string("name"),
        b.string("type"), b.string("version"), b.string("description"), schemaOf(b.json("schema"))), caller));
  }

  private void createGroup(RoutingContext ctx) {
    created(ctx, "EventReceiverGroup", (b, caller) -> ingest.createGroup(new GroupInput(b.string("name"),
        b.string("type"), b.string("version"), b.string("description"), b.bool("enabled"),
        b.strings("event_receiver_ids")), caller));
  }

  private void getEvent(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    found(ctx, store.event(id).compose(event -> {
      if (event == null) {
        throw new ObjectNotFoundException("event", id);
      }
      return store.receiver(event.receiverId()).map(receiver -> one(event, receiver));
    }));
  }

  private void getReceiver(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    found(ctx, store.receiver(id).map(r -> {
      if (r == null) {
        throw new ObjectNotFoundException("eventReceiver", id);
      }
      return EprJson.write(g -> {
        g.writeStartArray();
        EprJson.receiver(g, r);
        g.writeEndArray();
      });
    }));
  }

  private void getGroup(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    found(ctx, store.group(id).map(grp -> {
      if (grp == null) {
        throw new ObjectNotFoundException("eventReceiverGroup", id);
      }
      return one(grp);
    }));
  }

  /** Only {@code enabled} is read; a body without it changes nothing (as in EPR). */
  private void patchGroup(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Future<String> done;
    try {
      GoJsonBody b = GoJsonBody.parse(ctx.body().buffer(), "EventReceiverGroup");
      done = b.has("enabled") ? ingest.setGroupEnabled(id, b.bool("enabled"), RequestTimeouts.cancellation(ctx))
          : Future.succeededFuture(id);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onSuccess(ok -> Envelope.id(ctx, id)).onFailure(e -> Envelope.error(ctx, e, id));
  }

  /** A receiver schema sent as a string of JSON (as GraphQL clients do) is taken as that JSON. */
  private static JsonNode schemaOf(JsonNode schema) {
    if (schema != null && schema.isTextual()) {
      try {
        return EprJson.MAPPER.readTree(schema.textValue());
      } catch (Exception notJson) {
        return schema;
      }
    }
    return schema;
  }

  private static String one(Event event, EventReceiver receiver) {
    return EprJson.write(g -> {
      g.writeStartArray();
      EprJson.event(g, event, receiver);
      g.writeEndArray();
    });
  }

  private static String one(EventReceiverGroup grp) {
    return EprJson.write(g -> {
      g.writeStartArray();
      EprJson.group(g, grp);
      g.writeEndArray();
    });
  }

  /**
   * Decodes the body as the Go struct {@code struct} and answers with the id {@code create} gives, once per
   * Idempotency-Key.
   */
  private void created(RoutingContext ctx, String struct, BiFunction<GoJsonBody, Caller, Future<String>> create) {
    Buffer body = ctx.body().buffer();
    Future<GoJsonBody> decoded = body != null && body.length() > PARSE_ON_WORKER_BYTES
        ? ctx.vertx().executeBlocking(() -> GoJsonBody.parse(body, struct), false)
        : Future.succeededFuture().map(v -> GoJsonBody.parse(body, struct));
    decoded.compose(b -> IdempotencyKeys.caller(ctx).compose(caller -> creates.once(caller, c -> create.apply(b, c))))
        .onSuccess(created -> Envelope.created(ctx, created))
        .onFailure(e -> Envelope.error(ctx, e, ""));
  }

  private static void found(RoutingContext ctx, Future<String> dataJson) {
    dataJson.onSuccess(json -> Envelope.data(ctx, json)).onFailure(e -> Envelope.error(ctx, e, null));
  }
}
