package io.epr.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.metrics.EprMetrics;
import io.epr.model.Cancellation;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.Nvrpp;
import io.epr.model.Sha256;
import io.epr.model.Ulid;
import io.epr.sbom.InvalidSbomException;
import io.epr.sbom.SbomDocument;
import io.epr.store.SbomStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CycloneDX SBOMs: posted to /api/v1/sboms (validated against their own specVersion, stored exactly as posted as an
 * event on the built-in SBOM receiver, components indexed), or posted as the payload of any event (indexed too). Both
 * are read on the {@link UploadPool}, within the request's cancellation.
 */
public final class SbomIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SbomIngest.class);
  public static final String RECEIVER_TYPE = "build.artifact.cyclonedx.sbom";
  public static final String RECEIVER_NAME = "epr-cyclonedx-sbom";
  /** The payload of an SBOM event: what the SBOM is and where it is; the document itself is at {@code uri}. */
  private static final String RECEIVER_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
      + "\"type\":\"object\",\"required\":[\"uri\",\"format\",\"spec_version\",\"component_count\",\"sha256\"],"
      + "\"properties\":{\"uri\":{\"type\":\"string\",\"format\":\"uri\"},\"format\":{\"enum\":[\"json\",\"xml\"]},"
      + "\"spec_version\":{\"type\":\"string\"},\"serial_number\":{\"type\":[\"string\",\"null\"]},"
      + "\"component_count\":{\"type\":\"integer\",\"minimum\":0},\"sha256\":{\"type\":\"string\"},"
      + "\"component\":{\"type\":\"object\"}}}";

  /** An SBOM read and ready to store: the document as posted, what was read of it, and its digest. */
  record Indexed(SbomDocument document, byte[] bytes, String sha256) {}

  /** A posted SBOM: the NVRPP it describes and the raw body. */
  public record SbomInput(String name, String version, String release, String platformId, String pkg,
      String description, byte[] body) {}

  private final UploadPool uploads;
  private final DocumentUploads documents;
  private final Ingest ingest;
  private final SbomStore sboms;
  private final EventCommits commits;
  private final EprMetrics metrics;
  private final String publicUrl;
  private volatile EventReceiver receiver;

  SbomIngest(UploadPool uploads, Ingest ingest, SbomStore sboms, EventCommits commits,
      EprMetrics metrics, String publicUrl) {
    this.uploads = uploads;
    this.documents = new DocumentUploads(uploads);
    this.ingest = ingest;
    this.sboms = sboms;
    this.commits = commits;
    this.metrics = metrics;
    this.publicUrl = publicUrl;
  }

  /** Finds the built-in SBOM receiver, creating it on first start. */
  public Future<Void> start() {
    return ingest.builtInReceiver(RECEIVER_NAME, RECEIVER_TYPE, "CycloneDX SBOMs posted to /api/v1/sboms",
        RECEIVER_SCHEMA).onSuccess(r -> receiver = r).mapEmpty();
  }

  /** The id of the stored SBOM (the same as its event's); the existing id when this document was posted before. */
  public Future<String> create(SbomInput in, Caller caller) {
    Problems problems = new Problems();
    problems.nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
    problems.text("description", in.description());
    problems.throwIfAny();
    Nvrpp nvrpp = new Nvrpp(in.name(), in.version(), in.release(), in.platformId(), in.pkg());
    return documents.create(caller, nvrpp, () -> read(in.body(), caller.cancellation()), Indexed::sha256,
        sboms::idOfDocument, sbom -> store(in, nvrpp, sbom, caller));
  }

  private Future<String> store(SbomInput in, Nvrpp nvrpp, Indexed sbom, Caller caller) {
    String id = Ulid.next();
    SbomDocument doc = sbom.document();
    String payload = EprJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("uri", publicUrl + "/api/v1/sboms/" + id);
      g.writeStringField("format", doc.format().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("spec_version", doc.specVersion());
      g.writeStringField("serial_number", doc.serialNumber());
      g.writeNumberField("component_count", doc.components().size());
      g.writeStringField("sha256", sbom.sha256());
      g.writeObjectFieldStart("component");
      g.writeStringField("name", doc.componentName());
      g.writeStringField("version", doc.componentVersion());
      g.writeStringField("purl", doc.componentPurl());
      g.writeEndObject();
      g.writeEndObject();
    });
    Event draft = new Event(id, nvrpp, in.description(), payload, true, null, receiver.id());
    EventCommits.Attachment attachment = (tx, event) -> DocumentUploads.once(sboms.insert(tx, event.id(),
        event.nvrpp(), sbom.sha256(), sbom.document(), sbom.bytes()), "SBOM");
    return commits.commit(draft, receiver, attachment, caller).map(committed -> {
      metrics.eventCreated(true);
      return id;
    });
  }

  /** Indexes a BOM posted as an event payload with the event, unless this NVRPP has that exact document already. */
  EventCommits.Attachment indexOnce(Indexed sbom) {
    return (tx, event) -> sboms.insert(tx, event.id(), event.nvrpp(), sbom.sha256(), sbom.document(), sbom.bytes())
        .mapEmpty();
  }

  /**
   * An event payload that is a CycloneDX BOM, read for indexing (on the {@link UploadPool}, as an upload); null when
   * it is not one or not a valid one (the receiver's schema decides whether the event is accepted, not this).
   */
  Future<Indexed> indexPayload(JsonNode payload, String payloadText, Cancellation cancellation) {
    if (!payload.isObject() || !"CycloneDX".equals(payload.path("bomFormat").asText(null))) {
      return Future.succeededFuture();
    }
    return uploads.read(cancellation, () -> {
      try {
        return read(payloadText.getBytes(StandardCharsets.UTF_8), cancellation);
      } catch (InvalidInputException e) {
        LOG.debug("a CycloneDX payload that is not indexed: {}", e.getMessage());
        return null;
      }
    });
  }

  private static Indexed read(byte[] body, Cancellation cancellation) {
    try {
      return new Indexed(SbomDocument.read(body, cancellation), body, Sha256.hex(body));
    } catch (InvalidSbomException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }
}
