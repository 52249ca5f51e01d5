package io.epr.sbom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.model.Cancellation;
import io.epr.support.SbomGenerator;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class SbomFormatTest {
  private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  @Test
  void contentTypes() {
    assertEquals("application/vnd.cyclonedx+json", SbomFormat.JSON.contentType());
    assertEquals("application/vnd.cyclonedx+xml", SbomFormat.XML.contentType());
  }

  /** XML may not have whitespace before its declaration. */
  @Test
  void toldApartAfterAByteOrderMarkAndWhitespace() throws Exception {
    assertEquals(SbomFormat.JSON, SbomDocument.read(
        prefixed(" \n\t", SbomGenerator.json("1.4", 3, null)), Cancellation.none()).format());
    assertEquals(SbomFormat.XML, SbomDocument.read(prefixed("", SbomGenerator.xml16(3)), Cancellation.none()).format());
    byte[] withoutDeclaration = new String(SbomGenerator.xml16(3), UTF_8).replaceFirst("<\\?xml[^>]*>", "")
        .getBytes(UTF_8);
    assertEquals(SbomFormat.XML, SbomDocument.read(
        prefixed(" \n\t", withoutDeclaration), Cancellation.none()).format());
  }

  private static byte[] prefixed(String whitespace, byte[] document) {
    ByteArrayOutputStream prefixed = new ByteArrayOutputStream();
    prefixed.writeBytes(UTF8_BOM);
    prefixed.writeBytes(whitespace.getBytes(UTF_8));
    prefixed.writeBytes(document);
    return prefixed.toByteArray();
  }
}
