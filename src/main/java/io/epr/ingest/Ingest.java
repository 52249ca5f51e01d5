package io.epr.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.cdevents.CdeventTranslator;
import io.epr.ingest.Inputs.EventInput;
import io.epr.ingest.Inputs.GroupInput;
import io.epr.ingest.Inputs.ReceiverInput;
import io.epr.json.EprJson;
import io.epr.json.JsonLimits;
import io.epr.metrics.EprMetrics;
import io.epr.model.Cancellation;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.EventReceiverGroup;
import io.epr.model.Nvrpp;
import io.epr.model.Ulid;
import io.epr.outbox.CdeventRecords;
import io.epr.outbox.KafkaSink;
import io.epr.outbox.OutboxLog;
import io.epr.outbox.OutboxRecord;
import io.epr.schema.CompiledSchema;
import io.epr.schema.InvalidSchemaException;
import io.epr.schema.ReceiverSchemas;
import io.epr.schema.RegexTimeoutException;
import io.epr.store.CdeventStore;
import io.epr.store.CommitGate;
import io.epr.store.IdempotencyStore;
import io.epr.store.RegistryStore;
import io.epr.store.SbomStore;
import io.epr.store.TestReportStore;
import io.epr.wire.EprMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every create of the registry, REST and GraphQL alike: EPR's validation, then one transaction that stores the
 * object, decides which groups complete, and writes the Kafka messages to the outbox (for events, a transaction
 * shared with concurrent events: {@link EventCommits}). What a client is told was stored is stored with its
 * messages, or not at all.
 */
public final class Ingest {
  private final Vertx vertx;
  private final RegistryStore registry;
  private final OutboxLog outbox;
  private final IdempotencyStore keys;
  private final ReceiverSchemas schemas;
  private final EprMetrics metrics;
  private final String topic;
  private final EventCommits commits;
  private final CommitNotices notices;
  private final SbomIngest sboms;
  private final CdeventTranslator translator;
  private final TestReportIngest testReports;

  public Ingest(Vertx vertx, RegistryStore registry, OutboxLog outbox, IdempotencyStore keys,
      ReceiverSchemas schemas, EprMetrics metrics, String topic, CdeventTranslator translator, CdeventStore cdevents,
      CdeventRecords cdeventRecords, SbomStore sbomStore, TestReportStore testReportStore, UploadPool uploads,
      String publicUrl) {
    this.vertx = vertx;
    this.registry = registry;
    this.outbox = outbox;
    this.keys = keys;
    this.schemas = schemas;
    this.metrics = metrics;
    this.topic = topic;
    this.translator = translator;
    this.notices = new CommitNotices(vertx, registry);
    this.commits = new EventCommits(vertx, registry, outbox, keys, this::kafka,
        new CdeventEmission(vertx, translator, cdevents, cdeventRecords), notices);
    this.sboms = new SbomIngest(uploads, this, sbomStore, commits, metrics, publicUrl);
    this.testReports = new TestReportIngest(uploads, this, testReportStore, commits, metrics, publicUrl);
  }

  public Future<String> createReceiver(ReceiverInput in, Caller caller) {
    String id = Ulid.next();
    // compiled under the new receiver's id: its first event finds the schema compiled
    return checkedReceiver(in, schema -> schemas.forReceiver(id, () -> schema)).compose(schema -> {
      EventReceiver draft = new EventReceiver(id, in.name(), in.type(), in.version(), in.description(), schema,
          EventReceiver.fingerprint(in.name(), in.type(), in.version(), in.description()), null);
      return CommitGate.transaction(registry.pool(), caller.cancellation(), tx -> registry.insertReceiver(tx, draft)
          .compose(r -> outbox.append(tx, List.of(kafka(EprMessages.receiverCreated(r)))).map(r))
          .compose(r -> remember(tx, caller, r.id()).map(r)));
    }).compose(r -> notices.committed(List.of()).map(r)).map(r -> {
      metrics.receiverCreated();
      return r.id();
    });
  }

  /**
   * Whether a create of {@code in} would be taken: fails with exactly the problems the create would answer with, and
   * stores nothing (its schema is compiled, not kept).
   */
  public Future<Void> checkReceiver(ReceiverInput in) {
    return checkedReceiver(in, schemas::compile).mapEmpty();
  }

  /** A compile of a receiver's schema that may fail with the schema's problem. */
  private interface SchemaCompile {
    void compile(JsonNode schema) throws InvalidSchemaException;
  }

  /** The receiver's schema as the text to store, once {@code in} passed every check of a create. */
  private Future<String> checkedReceiver(ReceiverInput in, SchemaCompile compile) {
    Problems problems = new Problems();
    problems.text("name", in.name());
    problems.text("type", in.type());
    problems.text("version", in.version());
    problems.text("description", in.description());
    Future<String> schemaText;
    String unstorable = JsonLimits.unstorable("schema", in.schema());
    if (in.schema() == null) {
      problems.add("schema is required");
      schemaText = Future.succeededFuture();
    } else if (unstorable != null) {
      problems.add(unstorable);
      schemaText = Future.succeededFuture();
    } else {
      schemaText = vertx.executeBlocking(() -> {
        compile.compile(in.schema());
        return in.schema().toString();
      }, false).recover(e -> {
        problems.add("failed to parse schema: " + e.getMessage());
        return Future.succeededFuture();
      });
    }
    return schemaText.map(schema -> {
      problems.throwIfAny();
      return schema;
    });
  }

  public Future<String> createEvent(EventInput in, Caller caller) {
    Problems problems = new Problems();
    problems.nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
    problems.text("description", in.description());
    problems.text("event receiver id", in.receiverId());
    problems.throwIfAny();
    return registry.receiver(in.receiverId()).compose(receiver -> {
      if (receiver == null) {
        throw new InvalidInputException("receiver for event does not exist");
      }
      if (in.payload() == null) {
        throw new InvalidInputException("payload is required");
      }
      Nvrpp nvrpp = new Nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
      Event unchecked = new Event(Ulid.next(), nvrpp, in.description(), null, in.success(), null, receiver.id());
      return vertx.executeBlocking(() -> checked(unchecked, receiver, in.payload()), false).compose(draft -> sboms
          .indexPayload(in.payload(), draft.payload(), caller.cancellation()).compose(indexed -> {
            EventCommits.Attachment sbom = indexed == null ? null : sboms.indexOnce(indexed);
            return commits.commit(draft, receiver, sbom, caller).map(committed -> {
              metrics.eventCreated(draft.success());
              metrics.groupsCompleted(committed.groupsCompleted());
              return draft.id();
            });
          }));
    });
  }

  /** SBOMs posted to /api/v1/sboms. */
  public SbomIngest sboms() {
    return sboms;
  }

  /** JUnit test reports posted to /api/v1/test-reports. */
  public TestReportIngest testReports() {
    return testReports;
  }

  /** Finds a receiver the registry itself posts to (SBOMs, test reports), creating it on first start. */
  Future<EventReceiver> builtInReceiver(String name, String type, String description, String schema) {
    Map<String, Object> filter = Map.of("type", type, "name", name);
    return registry.receivers(filter).compose(found -> found.isEmpty()
        ? createReceiver(new ReceiverInput(name, type, "1.0.0", description, parse(schema)), Caller.internal())
            .compose(registry::receiver)
        : Future.succeededFuture(found.get(0)));
  }

  public Future<String> createGroup(GroupInput in, Caller caller) {
    Problems problems = new Problems();
    problems.text("name", in.name());
    problems.text("type", in.type());
    problems.text("version", in.version());
    problems.text("description", in.description());
    List<String> ids = in.receiverIds() == null ? List.of() : in.receiverIds();
    problems.receiverIds(ids);
    problems.throwIfAny();
    EventReceiverGroup draft = new EventReceiverGroup(Ulid.next(), in.name(), in.type(), in.version(), in.description(),
        in.enabled(), List.copyOf(ids), null, null);
    return CommitGate.transaction(registry.pool(), caller.cancellation(), tx ->
        registry.existingReceiverIds(tx, ids).compose(found -> {
          List<String> missing = ids.stream().filter(id -> !found.contains(id)).distinct().toList();
          if (!missing.isEmpty()) {
            throw new InvalidInputException("event receiver " + String.join(", ", missing) + " does not exist");
          }
          return registry.insertGroup(tx, draft)
              .compose(g -> outbox.append(tx, List.of(kafka(EprMessages.groupCreated(g)))).map(g.id()))
              .compose(id -> remember(tx, caller, id).map(id));
        })).compose(id -> notices.committed(List.of()).map(id));
  }

  /** Enables or disables a group and bumps its updated_at (Go EPR did not); no message, as in EPR. */
  public Future<String> setGroupEnabled(String id, boolean enabled, Cancellation cancellation) {
    return CommitGate.transaction(registry.pool(), cancellation, tx -> registry.setGroupEnabled(tx, id, enabled))
        .map(found -> {
          if (!found) {
            throw new ObjectNotFoundException("eventReceiverGroup", id);
          }
          return id;
        });
  }

  /**
   * The event with its payload as JSON text, once the payload passed its receiver's schema and nothing its CDEvents
   * would say refuses it. Blocking; on Vert.x's worker pool (a BOM's components are read after, on the
   * {@link UploadPool}).
   */
  private Event checked(Event draft, EventReceiver receiver, JsonNode payload) throws InvalidSchemaException {
    String unstorable = JsonLimits.unstorable("payload", payload);
    if (unstorable != null) {
      throw new InvalidInputException(unstorable);
    }
    List<String> violations;
    try {
      violations = compiled(receiver).validate(payload);
    } catch (RegexTimeoutException e) {
      throw new InvalidInputException("event payload could not be validated in time: " + e.getMessage());
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException(
          "event payload did not match event receiver schema\n" + String.join("\n", violations));
    }
    List<String> refused = translator.problems(draft, receiver, payload, Instant.now());
    if (!refused.isEmpty()) {
      throw new InvalidInputException(String.join("\n", refused));
    }
    return new Event(draft.id(), draft.nvrpp(), draft.description(), payload.toString(), draft.success(), null,
        draft.receiverId());
  }

  private CompiledSchema compiled(EventReceiver receiver) throws InvalidSchemaException {
    return schemas.forReceiver(receiver.id(), () -> parse(receiver.schema()));
  }

  private static JsonNode parse(String json) {
    try {
      return EprJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored schema is not JSON", e);
    }
  }

  /** Takes the caller's Idempotency-Key, if it sent one, for the create answered {@code answer}. */
  private Future<Void> remember(SqlConnection tx, Caller caller, String answer) {
    return caller.idempotencyKey() == null ? Future.succeededFuture()
        : keys.remember(tx, caller.idempotencyKey(), answer);
  }

  private OutboxRecord kafka(String message) {
    return new OutboxRecord(Ulid.next(), List.of(KafkaSink.NAME), topic, null, null, message);
  }
}
