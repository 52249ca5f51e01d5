package io.epr.xml;

import io.epr.json.JsonLimits;
import io.epr.model.CancellableInput;
import io.epr.model.Cancellation;
import io.epr.model.Excerpt;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * How much XML a document (an SBOM, a test report) may be, checked by one streaming pass before anything is built of the document: the XSD
 * validation and cyclonedx-core-java's parse cost more than linearly with nesting (100,000 nested elements, 700 KB,
 * took 16 s and 500 MB; a million, 25 minutes), and in proportion to elements and attributes, which a small document
 * can hold many of. Real documents are far inside: the CycloneDX examples nest 7 deep with at most 2 attributes an
 * element; SbomGenerator's 50,000 components (35 MB) are 643,341 elements and 250,003 attributes, nested 10 deep.
 * The pass reads about 100 MB a second and stops at the first limit passed, saying which and where. JUnit test reports
 * are held to the same limits in their own single pass ({@link Tally}).
 */
public final class XmlLimits {
  /** Elements inside each other: as deep as JSON may nest. */
  public static final int MAX_DEPTH = JsonLimits.MAX_NESTING;
  /** Elements in the document: a document of EPR_MAX_BODY's default (128 MiB) of real components has 2.5 million. */
  public static final int MAX_ELEMENTS = 3_000_000;
  /** Attributes of one element, namespace declarations included (CycloneDX's elements have at most 5). */
  public static final int MAX_ATTRIBUTES_PER_ELEMENT = 100;
  /** Attributes in the document, namespace declarations included. */
  public static final int MAX_ATTRIBUTES = 3_000_000;
  /** Characters of the text of one element, or of one attribute's value: as long as a JSON string may be. */
  public static final int MAX_TEXT = JsonLimits.MAX_STRING_LENGTH;

  /** What the JDK's StAX parser puts before its message, though the exception has the location too. */
  private static final Pattern LOCATION_PREFIX =
      Pattern.compile("^ParseError at \\[row,col]:\\[\\d+,\\d+]\\RMessage: ");
  private static final XMLInputFactory FACTORY = factory();

  private XmlLimits() {}

  /**
   * One pass over the document that throws when it passes a limit; malformed XML passes, left to the reader that
   * follows, which says more about it.
   */
  public static void check(byte[] document, Cancellation cancellation) throws Passed {
    try {
      XMLStreamReader reader = open(document, cancellation);
      try {
        Tally tally = new Tally();
        while (reader.hasNext()) {
          tally.count(reader, reader.next());
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException malformed) {
      // the reader that follows reports it, with its line and column
    }
  }

  /**
   * Why a document with a DOCTYPE is refused, said the same for every format: none of them needs a DTD, and one may
   * declare entities.
   */
  public static String doctypeRefused(Location location, String format) {
    return at(location) + ": a DOCTYPE is not allowed: " + format + " needs no DTD, and one may declare entities (XXE); "
        + "nothing it declares was fetched or expanded";
  }

  /**
   * A streaming reader of the document through the request's {@link Cancellation}, with no DTD support and no
   * external entities; for other XML documents (JUnit test reports) read in one pass with a {@link Tally}.
   */
  public static XMLStreamReader open(byte[] document, Cancellation cancellation) throws XMLStreamException {
    return FACTORY.createXMLStreamReader(new CancellableInput(document, cancellation));
  }

  /** A malformed document's problem: {@code line <n>, column <n>: <the parser's message>}. */
  public static String malformed(XMLStreamException e) {
    return at(e.getLocation()) + ": " + LOCATION_PREFIX.matcher(e.getMessage()).replaceFirst("");
  }

  /** Where the reader is, as the messages say it. */
  public static String at(Location location) {
    return location == null ? "at the start"
        : "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
  }

  /** One pass's counts, checked against the limits at each event the pass reads. */
  public static final class Tally {
    private int depth;
    private long elements;
    private long attributes;
    private long text;

    /** {@code event}: what {@code reader.next()} returned. */
    public void count(XMLStreamReader reader, int event) throws Passed {
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          int own = reader.getAttributeCount() + reader.getNamespaceCount();
          if (++depth > MAX_DEPTH) {
            throw new Passed(reader, "elements are nested more than " + MAX_DEPTH + " deep");
          }
          if (++elements > MAX_ELEMENTS) {
            throw new Passed(reader, "the document has more than " + MAX_ELEMENTS + " elements");
          }
          if (own > MAX_ATTRIBUTES_PER_ELEMENT) {
            throw new Passed(reader, "the element " + Excerpt.quote(reader.getLocalName()) + " has " + own
                + " attributes (namespace declarations included), more than " + MAX_ATTRIBUTES_PER_ELEMENT);
          }
          if ((attributes += own) > MAX_ATTRIBUTES) {
            throw new Passed(reader, "the document has more than " + MAX_ATTRIBUTES
                + " attributes (namespace declarations included)");
          }
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeValue(i).length() > MAX_TEXT) {
              throw new Passed(reader, "the attribute " + Excerpt.quote(reader.getAttributeLocalName(i))
                  + " is longer than " + MAX_TEXT + " characters");
            }
          }
          text = 0;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          text = 0;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if ((text += reader.getTextLength()) > MAX_TEXT) {
            throw new Passed(reader, "the text of one element is longer than " + MAX_TEXT + " characters");
          }
        }
        default -> { }
      }
    }
  }

  /** A limit passed: {@code line <n>, column <n>: <which limit>}. */
  public static final class Passed extends Exception {
    private static final long serialVersionUID = 1L;

    private Passed(XMLStreamReader reader, String what) {
      super(at(reader.getLocation()) + ": " + what, null, false, false);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
