package io.epr.sbom;

import io.epr.model.Cancellation;
import io.epr.xml.XmlLimits;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * One CycloneDX document, validated against its own specVersion, with what the registry indexes.
 *
 * @param componentName {@code metadata.component}'s name, as its version and purl: each may be null
 * @param components every component, nested ones included, depth first in document order; not
 *     {@code metadata.component}
 */
public record SbomDocument(SbomFormat format, String specVersion, String serialNumber, String componentName,
    String componentVersion, String componentPurl, List<SbomComponent> components) {

  public SbomDocument {
    components = List.copyOf(components);
  }

  /**
   * Reads JSON or XML (told apart by the bytes, not a Content-Type) of CycloneDX 1.2 to 1.6 (XML also 1.0 and 1.1),
   * validated with cyclonedx-core-java against the schema of the version the document declares. XML with a DOCTYPE
   * is refused, and so is XML past {@link XmlLimits} and a document the registry could not store
   * ({@link StorableComponents}).
   *
   * @param cancellation the request's: once it is cancelled, reading stops with its
   *     {@link Cancellation.CancelledException}
   * @throws InvalidSbomException listing each problem
   */
  public static SbomDocument read(byte[] document, Cancellation cancellation) throws InvalidSbomException {
    SbomFormat format = SbomFormat.of(document);
    ValidBom valid = switch (format) {
      case JSON -> JsonBomReader.read(document, cancellation);
      case XML -> XmlBomReader.read(document, cancellation);
    };
    Bom bom = valid.bom();
    Component subject = bom.getMetadata() == null ? null : bom.getMetadata().getComponent();
    SbomDocument doc = new SbomDocument(format, valid.version().getVersionString(), bom.getSerialNumber(),
        subject == null ? null : subject.getName(), subject == null ? null : subject.getVersion(),
        subject == null ? null : subject.getPurl(), flatten(bom.getComponents()));
    StorableComponents.check(doc);
    return doc;
  }

  private static List<SbomComponent> flatten(List<Component> components) {
    List<SbomComponent> flat = new ArrayList<>();
    addDepthFirst(components, flat);
    return flat;
  }

  private static void addDepthFirst(List<Component> components, List<SbomComponent> flat) {
    if (components == null) {
      return;
    }
    for (Component component : components) {
      flat.add(SbomComponent.of(component));
      addDepthFirst(component.getComponents(), flat);
    }
  }
}
