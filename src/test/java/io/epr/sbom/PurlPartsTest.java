package io.epr.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.epr.model.Cancellation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurlPartsTest {
  @Test
  void anUnescapedScopeIsRefusedWithHowToWriteIt() {
    assertEquals("purl is not a valid package URL: pkg:npm/@angular/core (The PackageURL name specified is invalid); a scope's @ is "
        + "written %40, as in pkg:npm/%40angular/core", PurlParts.problem("pkg:npm/@angular/core"));
    assertEquals(null, PurlParts.problem("pkg:npm/%40angular/core"));
    assertEquals(null, PurlParts.parse("pkg:npm/@angular/core"));
  }

  @Test
  void everyPartDecodedWithCanonicalQualifiers() {
    assertEquals(new PurlParts("maven", "org.apache.xmlgraphics", "batik-anim", "1.9.1",
            "classifier=dist&repository_url=repo.spring.io%2Frelease", "src/main"),
        PurlParts.parse("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1"
            + "?repository_url=repo.spring.io/release&classifier=dist#src/main"));
  }

  @Test
  void scopedNpmNamespaceIsDecoded() {
    assertEquals(new PurlParts("npm", "@angular", "core", "16.2.0", null, null),
        PurlParts.parse("pkg:npm/%40angular/core@16.2.0"));
  }

  @Test
  void withoutVersionOrNamespace() {
    PurlParts parts = PurlParts.parse("pkg:pypi/django");

    assertNull(parts.namespace());
    assertNull(parts.version());
    assertEquals("django", parts.name());
  }

  /** The schemas do not check purls: a document with a bad one is valid, its component indexed without parts. */
  @Test
  void aComponentKeepsAnUnparseablePurlWithoutParts() throws Exception {
    SbomComponent component = SbomDocument.read("""
        {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
         "components":[{"type":"library","name":"acme","purl":"acme 1.0"}]}"""
        .getBytes(StandardCharsets.UTF_8), Cancellation.none())
        .components().get(0);

    assertEquals("acme 1.0", component.purl());
    assertNull(component.purlParts());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "django", "pkg:", "pkg:maven", "https://example.com/x", "pkg:maven/@1.0"})
  void invalidPurlsGiveNull(String purl) {
    assertNull(PurlParts.parse(purl));
  }
}
