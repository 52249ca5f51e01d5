package io.epr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.epr.support.SbomGenerator;
import io.epr.support.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No size cliff: a 50 MB SBOM goes through HTTP, validation, storage and indexing (the test JVM has 2 GB of heap). */
class LargeSbomTest extends ServerTest {

  @Test
  void aFiftyMegabyteSbomIsIngestedWhole() throws Exception {
    byte[] document = SbomGenerator.json("1.6", 78_000, "pkg:oci/big-app@1.0");
    assertTrue(document.length > 50_000_000, "size " + document.length);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port + "/api/v1/sboms?name=big&version=1&release=r1&platform_id=linux&package=oci"))
        .timeout(Duration.ofMinutes(3)).POST(HttpRequest.BodyPublishers.ofByteArray(document)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode sbom = http.graphql("{provenance(name:\"big\", version:\"1\", release:\"r1\", platform_id:\"linux\", "
        + "package:\"oci\") {sboms {component_count, components(first: 1, after: \"77999\") {name}}}}", null)
        .at("/data/provenance/sboms/0");
    assertEquals(78_000, sbom.get("component_count").asInt());
    assertEquals("component-77999", sbom.at("/components/0/name").asText(), "the last component is indexed");
  }
}
