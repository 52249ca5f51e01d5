package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.support.Bodies;
import io.epr.support.Http;
import io.epr.support.Http.Response;
import io.epr.support.ServerTest;
import io.epr.support.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The workshop's section 08 with a Maven-built SBOM (CycloneDX's dropwizard example, made by the CycloneDX Maven
 * plugin): its URLs hold unexpanded {@code ${project.artifactId}} properties, which Go EPR's gojsonschema accepts as
 * iri-reference, so a receiver made from bom-1.6.schema.json takes it here too.
 */
class MavenSbomReceiverTest extends ServerTest {

  @Test
  void aMavenBuiltSbomIsAcceptedOnABom16Receiver() throws Exception {
    String schema;
    try (InputStream in = getClass().getResourceAsStream("/bom-1.6.schema.json")) {
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // the workshop's section 08 receiver, as the workshop sends it
    String rid = http.post("/api/v1/receivers", "{\"name\":\"artifact-cyclonedx-sbom\",\"type\":\"build.artifact.cyclonedx.sbom\","
        + "\"version\":\"1.0.0\",\"description\":\"Artifact CycloneDX v1.6 SBOMs\",\"enabled\":true,\"schema\":" + schema + "}").id();
    String bom = Files.readString(SharedData.path("cyclonedx-examples/SBOM/dropwizard-1.3.15/bom.json"));
    ObjectNode event = Bodies.event(rid, "dropwizard", "2020.08");
    Response accepted = http.post("/api/v1/events", event.set("payload", Http.parse(bom)));
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals(Http.parse(bom), http.get("/api/v1/events/" + accepted.id()).json().at("/data/0/payload"));

    String badUrl = bom.replaceFirst("\"url\"\\s*:\\s*\"https://[^\"]*\"", "\"url\": \"https://github.com/%zz\"");
    Response refused = http.post("/api/v1/events", event.set("payload", Http.parse(badUrl)));
    assertEquals(400, refused.status(), "an escape Go's net/url cannot decode is still refused");
    assertEquals(true, refused.error().contains("Does not match format 'iri-reference'"), refused.error());
  }
}
