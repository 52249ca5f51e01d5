package io.epr.sbom;

import io.epr.model.Excerpt;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.cyclonedx.Version;

/**
 * The CycloneDX versions read in each format: those cyclonedx-core-java has a schema for (XML from 1.0, JSON from
 * 1.2, both up to 1.6).
 */
final class SpecVersions {
  private SpecVersions() {}

  static Version require(SbomFormat format, String specVersion) throws InvalidSbomException {
    Version version = Version.fromVersionString(specVersion);
    if (version == null) {
      throw InvalidSbomException.unsupported(
          "CycloneDX " + Excerpt.quote(specVersion) + " is not supported (yet); " + supported(format));
    }
    if (!version.getFormats().contains(format.cyclonedx())) {
      throw InvalidSbomException.unsupported(
          "CycloneDX " + specVersion + " has no " + format + " format; " + supported(format));
    }
    return version;
  }

  private static String supported(SbomFormat format) {
    return Arrays.stream(Version.values())
        .filter(version -> version.getFormats().contains(format.cyclonedx()))
        .map(Version::getVersionString)
        .collect(Collectors.joining(", ", "supported " + format + " versions: ", ""));
  }
}
