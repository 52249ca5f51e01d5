package io.epr.sbom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.xml.validation.Schema;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.SAXException;

/**
 * cyclonedx-core-java's XSD of each version, as its {@code getXmlSchema} compiles it (with spdx.xsd, no external
 * access), compiled once, and without the {@code bom-ref} uniqueness constraint: the JDK's validator checks that one in
 * quadratic time (100k components: 3 minutes instead of seconds). {@link UniqueBomRefs} checks it instead.
 */
final class XmlSchemas {
  private static final Pattern UNIQUE_BOM_REF = Pattern.compile("<xs:unique name=\"bom-ref\">\\s*"
      + "<xs:selector xpath=\"\\.//\\*\"/>\\s*<xs:field xpath=\"@bom-ref\"/>\\s*</xs:unique>");
  private static final XmlParser PARSER = new XmlParser();
  private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private XmlSchemas() {}

  static Schema of(Version version) {
    return SCHEMAS.computeIfAbsent(version, XmlSchemas::compile);
  }

  private static Schema compile(Version version) {
    String bom = UNIQUE_BOM_REF.matcher(resource("bom-" + version.getVersionString() + ".xsd")).replaceFirst("");
    try {
      return PARSER.getXmlSchema(new ByteArrayInputStream(resource("spdx.xsd").getBytes(StandardCharsets.UTF_8)),
          new ByteArrayInputStream(bom.getBytes(StandardCharsets.UTF_8)));
    } catch (SAXException e) {
      throw new IllegalStateException("the CycloneDX " + version.getVersionString() + " XSD", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = XmlParser.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name + " of cyclonedx-core-java", e);
    }
  }
}
