package io.epr.sbom;

import java.util.List;
import org.cyclonedx.Format;

/** The two encodings of a CycloneDX document, told apart by the document's first character. */
public enum SbomFormat {
  JSON(Format.JSON),
  XML(Format.XML);

  private static final String JSON_VALUE_STARTS = "{[\"-0123456789tfn";

  private final Format cyclonedx;

  SbomFormat(Format cyclonedx) {
    this.cyclonedx = cyclonedx;
  }

  /** {@code application/vnd.cyclonedx+json} or {@code application/vnd.cyclonedx+xml}. */
  public String contentType() {
    return cyclonedx.getMediaType();
  }

  Format cyclonedx() {
    return cyclonedx;
  }

  /**
   * XML when the first character after a UTF-8 byte order mark and whitespace is {@code <}, JSON when it can start a
   * JSON value (a value that is not an object is refused later, with a message saying so).
   */
  static SbomFormat of(byte[] document) throws InvalidSbomException {
    int first = firstCharacter(document);
    if (first < 0) {
      throw notCycloneDx(document.length == 0 ? "the body is empty" : "the body is blank");
    }
    if (first == '<') {
      return XML;
    }
    if (JSON_VALUE_STARTS.indexOf(first) >= 0) {
      return JSON;
    }
    throw notCycloneDx("the body is neither JSON (an object starting with '{') nor XML (starting with '<')");
  }

  private static int firstCharacter(byte[] document) {
    int start = startsWithUtf8Bom(document) ? 3 : 0;
    for (int i = start; i < document.length; i++) {
      if (!Character.isWhitespace(document[i])) {
        return document[i] & 0xff;
      }
    }
    return -1;
  }

  private static boolean startsWithUtf8Bom(byte[] document) {
    return document.length >= 3 && (document[0] & 0xff) == 0xef && (document[1] & 0xff) == 0xbb
        && (document[2] & 0xff) == 0xbf;
  }

  private static InvalidSbomException notCycloneDx(String problem) {
    return InvalidSbomException.notCycloneDx(List.of(problem));
  }
}
