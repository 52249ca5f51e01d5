package io.epr.sbom;

import io.epr.json.JsonProblems;
import java.io.InputStream;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.Parser;

/** A document valid against the schema of its own CycloneDX version, parsed. */
record ValidBom(Version version, Bom bom) {
  /** Parses from a stream: {@code XmlParser.parse(byte[])} would first build a DOM of the whole document. */
  static ValidBom parse(Parser parser, Version version, InputStream document) throws InvalidSbomException {
    try {
      return new ValidBom(version, parser.parse(document));
    } catch (ParseException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw InvalidSbomException.unreadable(version.getVersionString(), JsonProblems.describe(cause));
    }
  }
}
