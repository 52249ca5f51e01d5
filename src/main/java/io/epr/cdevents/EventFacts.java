package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import java.util.List;

/**
 * What a rule reads about one stored EPR event, and the values derived from it.
 *
 * @param publicUrl EPR's public base URL, without a trailing slash
 * @param artifactSubjects purls of the artifact CDEvents already emitted for the event's NVRPP
 */
record EventFacts(
    Event event, EventReceiver receiver, JsonNode payload, String publicUrl, List<String> artifactSubjects) {

  String runId() {
    return CdeventIds.runId(event.nvrpp());
  }

  String purl() {
    return Purls.of(event.nvrpp());
  }

  String eventUrl() {
    return publicUrl + "/api/v1/events/" + event.id();
  }

  /** Where the event's payload is served as an SBOM (a CycloneDX payload is indexed under the event's id). */
  String sbomUri() {
    return publicUrl + "/api/v1/sboms/" + event.id();
  }

  String outcome() {
    return event.success() ? "success" : "failure";
  }
}
