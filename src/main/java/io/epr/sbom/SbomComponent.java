package io.epr.sbom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;

/**
 * One component of a BOM as the registry indexes it.
 *
 * @param purlParts null when there is no purl or an unparseable one
 * @param licenses SPDX ids, else license names, then the SPDX expression, in document order
 * @param hashes algorithm (e.g. {@code SHA-256}) to content, in document order
 */
public record SbomComponent(String bomRef, String type, String group, String name, String version, String purl,
    PurlParts purlParts, List<String> licenses, Map<String, String> hashes) {

  public SbomComponent {
    licenses = List.copyOf(licenses);
    hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
  }

  static SbomComponent of(Component component) {
    String purl = component.getPurl();
    return new SbomComponent(component.getBomRef(),
        component.getType() == null ? null : component.getType().getTypeName(), component.getGroup(),
        component.getName(), component.getVersion(), purl, PurlParts.parse(purl),
        licenses(component.getLicenses()), hashes(component.getHashes()));
  }

  private static List<String> licenses(LicenseChoice choice) {
    List<String> licenses = new ArrayList<>();
    if (choice == null) {
      return licenses;
    }
    if (choice.getLicenses() != null) {
      for (License license : choice.getLicenses()) {
        String idOrName = license.getId() != null ? license.getId() : license.getName();
        if (idOrName != null) {
          licenses.add(idOrName);
        }
      }
    }
    if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
      licenses.add(choice.getExpression().getValue());
    }
    return licenses;
  }

  private static Map<String, String> hashes(List<Hash> hashes) {
    Map<String, String> byAlgorithm = new LinkedHashMap<>();
    if (hashes != null) {
      for (Hash hash : hashes) {
        if (hash.getAlgorithm() != null && hash.getValue() != null) {
          byAlgorithm.putIfAbsent(hash.getAlgorithm(), hash.getValue());
        }
      }
    }
    return byAlgorithm;
  }
}
