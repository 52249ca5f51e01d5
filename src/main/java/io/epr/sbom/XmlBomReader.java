package io.epr.sbom;

import io.epr.model.CancellableInput;
import io.epr.model.Cancellation;
import io.epr.xml.XmlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Validator;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Reads CycloneDX XML: once within {@link XmlLimits}, validates with cyclonedx-core-java's XSD of the version the
 * root's namespace declares ({@link XmlSchemas}; {@code XmlParser.validate} compiles it again on every call and lists a
 * fatal error twice), then parses. Each stage reads through the request's {@link Cancellation}.
 */
final class XmlBomReader {
  private static final XmlParser PARSER = new XmlParser();

  private XmlBomReader() {}

  static ValidBom read(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    Version version = SpecVersions.require(SbomFormat.XML, XmlProlog.specVersion(document));
    try {
      XmlLimits.check(document, cancellation);
    } catch (XmlLimits.Passed limit) {
      throw InvalidSbomException.refused(limit.getMessage() + "; that is the limit for an SBOM in XML");
    }
    validate(document, version, cancellation);
    return ValidBom.parse(PARSER, version, new CancellableInput(document, cancellation));
  }

  private static void validate(byte[] document, Version version, Cancellation cancellation)
      throws InvalidSbomException {
    ValidationProblems problems = new ValidationProblems();
    Validator validator = XmlSchemas.of(version).newValidator();
    validator.setErrorHandler(new Collector(problems));
    try {
      validator.validate(new SAXSource(reader(), new InputSource(new CancellableInput(document, cancellation))),
          new SAXResult(new UniqueBomRefs(problems)));
    } catch (SAXParseException fatal) {
      // the Collector has it already
    } catch (SAXException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    problems.throwIfAny(version.getVersionString());
  }

  /**
   * Refuses a DOCTYPE itself too, though {@link XmlProlog} has refused documents with one already, and holds the
   * JDK's own limits to {@link XmlLimits}' (a second line: a document past them was refused before).
   */
  private static XMLReader reader() {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setProperty("jdk.xml.maxElementDepth", String.valueOf(XmlLimits.MAX_DEPTH));
      reader.setProperty("jdk.xml.elementAttributeLimit", String.valueOf(XmlLimits.MAX_ATTRIBUTES_PER_ELEMENT));
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Collector(ValidationProblems problems) implements ErrorHandler {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) {
      problems.add("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      error(e);
      throw e;
    }
  }
}
