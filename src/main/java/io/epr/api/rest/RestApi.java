package io.epr.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.api.http.BodyWork;
import io.epr.api.http.ErrorResponses;
import io.epr.api.http.RequestTimeouts;
import io.epr.api.http.Routes;
import io.epr.ingest.Caller;
import io.epr.ingest.IdempotentCreates;
import io.epr.ingest.Ingest;
import io.epr.ingest.InvalidInputException;
import io.epr.ingest.Inputs.EventInput;
import io.epr.ingest.Inputs.GroupInput;
import io.epr.ingest.Inputs.ReceiverInput;
import io.epr.ingest.ObjectNotFoundException;
import io.epr.json.EprJson;
import io.epr.json.JsonLimits;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.store.RegistryStore;
import io.epr.wire.Entities;
import io.epr.wire.JsonFields;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** EPR's REST API (epr-api.md §2): create and get events, receivers and groups, and enable or disable a group. */
public final class RestApi {
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
    Routes.get(router, "/api/v1/events/:id", this::getEvent);
    router.post("/api/v1/receivers").handler(this::createReceiver);
    router.post("/api/v1/receivers/check").handler(this::checkReceiver);
    Routes.get(router, "/api/v1/receivers/:id", this::getReceiver);
    router.post("/api/v1/groups").handler(this::createGroup);
    Routes.get(router, "/api/v1/groups/:id", this::getGroup);
    router.patch("/api/v1/groups/:id").handler(this::patchGroup);
  }

  private void createEvent(RoutingContext ctx) {
    created(ctx, "Event", b -> new EventInput(b.string("name"), b.string("version"), b.string("release"),
        b.string("platform_id"), b.string("package"), b.string("description"), b.json("payload"), b.bool("success"),
        b.string("event_receiver_id")), ingest::createEvent);
  }

  private void createReceiver(RoutingContext ctx) {
    created(ctx, "EventReceiver", RestApi::receiverInput, ingest::createReceiver);
  }

  /**
   * Whether a create of this body would be taken, answered 200 either way: valid, or not with exactly the errors the
   * create would answer with (its decoding and checks, the schema compiled); nothing is stored.
   */
  private void checkReceiver(RoutingContext ctx) {
    decoded(ctx, "EventReceiver", RestApi::receiverInput).compose(ingest::checkReceiver)
        .onSuccess(valid -> Envelope.data(ctx, validity(null)))
        .onFailure(e -> {
          if (e instanceof InvalidInputException invalid) {
            Envelope.data(ctx, validity(ErrorResponses.of(invalid).message()));
          } else {
            Envelope.error(ctx, e, null);
          }
        });
  }

  /** {@code {"valid":true}}, or {@code {"valid":false,"errors":[error]}}. */
  private static String validity(String error) {
    return EprJson.write(g -> {
      g.writeStartObject();
      g.writeBooleanField("valid", error == null);
      if (error != null) {
        g.writeArrayFieldStart("errors");
        g.writeString(error);
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  private static ReceiverInput receiverInput(GoJsonBody b) {
    return new ReceiverInput(b.string("name"), b.string("type"), b.string("version"), b.string("description"),
        schemaOf(b.json("schema")));
  }

  private void createGroup(RoutingContext ctx) {
    created(ctx, "EventReceiverGroup", b -> new GroupInput(b.string("name"), b.string("type"), b.string("version"),
        b.string("description"), b.bool("enabled"), b.strings("event_receiver_ids")), ingest::createGroup);
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
      return JsonFields.array(List.of(r), Entities::receiver);
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
    decoded(ctx, "EventReceiverGroup", b -> b).compose(b -> b.has("enabled")
        ? ingest.setGroupEnabled(id, b.bool("enabled"), RequestTimeouts.cancellation(ctx))
        : Future.succeededFuture(id))
        .onSuccess(ok -> Envelope.id(ctx, id)).onFailure(e -> Envelope.error(ctx, e, id));
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
    return JsonFields.array(List.of(event), Entities.eventWith(receiver));
  }

  private static String one(EventReceiverGroup grp) {
    return JsonFields.array(List.of(grp), Entities::group);
  }

  /**
   * Decodes the body as the Go struct {@code struct} into the input {@code read} makes of it, and answers with the id
   * {@code create} gives for that input, once per Idempotency-Key.
   */
  private <I> void created(RoutingContext ctx, String struct, Function<GoJsonBody, I> read,
      BiFunction<I, Caller, Future<String>> create) {
    decoded(ctx, struct, read)
        .compose(in -> IdempotencyKeys.caller(ctx).compose(caller -> creates.once(caller, c -> create.apply(in, c))))
        .onSuccess(created -> Envelope.created(ctx, created))
        .onFailure(e -> Envelope.error(ctx, e, ""));
  }

  /**
   * The body decoded as the Go struct {@code struct}, and what {@code read} makes of it: on a worker thread when the
   * body is larger than {@link JsonLimits#DECODED_ON_EVENT_LOOP}.
   */
  private static <I> Future<I> decoded(RoutingContext ctx, String struct, Function<GoJsonBody, I> read) {
    Buffer body = ctx.body().buffer();
    return BodyWork.on(ctx, body == null ? 0 : body.length(), () -> read.apply(GoJsonBody.parse(body, struct)));
  }

  private static void found(RoutingContext ctx, Future<String> dataJson) {
    dataJson.onSuccess(json -> Envelope.data(ctx, json)).onFailure(e -> Envelope.error(ctx, e, null));
  }
}
