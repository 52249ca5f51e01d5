package io.epr.sbom;

import io.epr.model.Cancellation;
import io.epr.model.JsonLimits;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * How much XML an SBOM may be, checked by one streaming pass before anything is built of the document: the XSD
 * validation and cyclonedx-core-java's parse cost more than linearly with nesting (100,000 nested elements, 700 KB,
 * took 16 s and 500 MB; a million, 25 minutes), and in proportion to elements and attributes, which a small document
 * can hold many of. Real documents are far inside: the CycloneDX examples nest 7 deep with at most 2 attributes an
 * element; SbomGenerator's 50,000 components (35 MB) are 643,341 elements and 250,003 attributes, nested 10 deep.
 * The pass reads about 100 MB a second and stops at the first limit passed, saying which and where.
 */
final class XmlLimits {
  /** Elements inside each other: as deep as JSON may nest. */
  static final int MAX_DEPTH = JsonLimits.MAX_NESTING;
  /** Elements in the document: a document of EPR_MAX_BODY's default (128 MiB) of real components has 2.5 million. */
  static final int MAX_ELEMENTS = 3_000_000;
  /** Attributes of one element, namespace declarations included (CycloneDX's elements have at most 5). */
  static final int MAX_ATTRIBUTES_PER_ELEMENT = 100;
  /** Attributes in the document, namespace declarations included. */
  static final int MAX_ATTRIBUTES = 3_000_000;
  /** Characters of the text of one element: as long as a JSON string may be. */
  static final int MAX_TEXT = JsonLimits.MAX_STRING_LENGTH;

  private static final XMLInputFactory FACTORY = factory();

  private XmlLimits() {}

  /** Throws when the document passes a limit; malformed XML is left to the validator, which says more about it. */
  static void check(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    try {
      XMLStreamReader reader = FACTORY.createXMLStreamReader(new CancellableInput(document, cancellation));
      try {
        check(reader);
      } finally {
        reader.close();
      }
    } catch (XMLStreamException malformed) {
      // the XSD validation reports it, with its line and column
    }
  }

  private static void check(XMLStreamReader reader) throws XMLStreamException, InvalidSbomException {
    int depth = 0;
    long elements = 0;
    long attributes = 0;
    long text = 0;
    while (reader.hasNext()) {
      switch (reader.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          int own = reader.getAttributeCount() + reader.getNamespaceCount();
          if (++depth > MAX_DEPTH) {
            throw passed(reader, "elements are nested more than " + MAX_DEPTH + " deep");
          }
          if (++elements > MAX_ELEMENTS) {
            throw passed(reader, "the document has more than " + MAX_ELEMENTS + " elements");
          }
          if (own > MAX_ATTRIBUTES_PER_ELEMENT) {
            throw passed(reader, "the element " + ValidationProblems.quote(reader.getLocalName()) + " has " + own
                + " attributes (namespace declarations included), more than " + MAX_ATTRIBUTES_PER_ELEMENT);
          }
          if ((attributes += own) > MAX_ATTRIBUTES) {
            throw passed(reader, "the document has more than " + MAX_ATTRIBUTES
                + " attributes (namespace declarations included)");
          }
          text = 0;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          text = 0;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if ((text += reader.getTextLength()) > MAX_TEXT) {
            throw passed(reader, "the text of one element is longer than " + MAX_TEXT + " characters");
          }
        }
        default -> { }
      }
    }
  }

  private static InvalidSbomException passed(XMLStreamReader reader, String what) {
    return InvalidSbomException.refused("line " + reader.getLocation().getLineNumber() + ", column "
        + reader.getLocation().getColumnNumber() + ": " + what + "; that is the limit for an SBOM in XML");
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
