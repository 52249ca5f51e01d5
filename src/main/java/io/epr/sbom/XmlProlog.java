package io.epr.sbom;

import io.epr.model.Excerpt;
import io.epr.xml.XmlLimits;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The start of an XML document, up to its root element: which CycloneDX version the root's namespace declares.
 * Refuses a DOCTYPE, which CycloneDX has no use for, so that no parser after this one meets an entity declaration
 * (XXE, entity expansion).
 */
final class XmlProlog {
  private static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";
  private static final XMLInputFactory FACTORY = factory();

  private XmlProlog() {}

  static String specVersion(byte[] document) throws InvalidSbomException {
    try {
      XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
      try {
        return specVersion(reader);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      throw InvalidSbomException.malformed(SbomFormat.XML, XmlLimits.malformed(e));
    }
  }

  private static String specVersion(XMLStreamReader reader) throws XMLStreamException, InvalidSbomException {
    while (reader.next() != XMLStreamConstants.START_ELEMENT) {
      if (reader.getEventType() == XMLStreamConstants.DTD) {
        throw InvalidSbomException.refused(XmlLimits.doctypeRefused(reader.getLocation(), "CycloneDX"));
      }
    }
    String namespace = reader.getNamespaceURI();
    if (!"bom".equals(reader.getLocalName()) || namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
      throw InvalidSbomException.notCycloneDx(List.of("the root element is "
          + Excerpt.quote((namespace == null ? "" : "{" + namespace + "}") + reader.getLocalName())
          + ": a CycloneDX XML document's root is bom in the namespace " + NAMESPACE_PREFIX + "<version>"));
    }
    return namespace.substring(NAMESPACE_PREFIX.length());
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
