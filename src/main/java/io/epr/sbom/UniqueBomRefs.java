package io.epr.sbom;

import io.epr.model.Excerpt;
import java.util.HashSet;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The CycloneDX XSDs' {@code <xs:unique name="bom-ref">} (every {@code bom-ref} attribute below the root is unique),
 * checked on the events of the validated document.
 */
final class UniqueBomRefs extends DefaultHandler {
  private final Set<String> seen = new HashSet<>();
  private final ValidationProblems problems;
  private Locator locator;

  UniqueBomRefs(ValidationProblems problems) {
    this.problems = problems;
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
    String bomRef = attributes.getValue("", "bom-ref");
    if (bomRef != null && !seen.add(bomRef)) {
      problems.add("line " + locator.getLineNumber() + ", column " + locator.getColumnNumber() + ": bom-ref "
          + Excerpt.quote(bomRef) + " is already used: a bom-ref is unique in the document");
    }
  }
}
