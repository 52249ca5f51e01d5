package io.epr.cdevents;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import io.epr.model.Nvrpp;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Package URLs of artifacts: derived from an NVRPP, and checked when a client gives one. */
final class Purls {
  /** The purl-spec's registered types. */
  private static final Set<String> KNOWN_TYPES = Set.of("alpm", "apk", "bitbucket", "bitnami", "cargo", "cocoapods",
      "composer", "conan", "conda", "cpan", "cran", "deb", "docker", "gem", "generic", "github", "golang", "hackage",
      "hex", "huggingface", "luarocks", "maven", "mlflow", "npm", "nuget", "oci", "pub", "pypi", "qpkg", "rpm", "swid",
      "swift");

  private Purls() {}

  /**
   * {@code pkg:<package>/<name>@<version>-<release>?platform_id=<platform_id>} when the package is a purl type whose
   * purls need nothing more (maven needs a namespace), else {@code pkg:generic/…} with a {@code package} qualifier.
   */
  static String of(Nvrpp nvrpp) {
    String type = nvrpp.pkg().toLowerCase(Locale.ROOT);
    Optional<PackageURL> typed = KNOWN_TYPES.contains(type) ? build(base(nvrpp).withType(type)) : Optional.empty();
    return typed
        .or(() -> build(base(nvrpp).withType(PackageURL.StandardTypes.GENERIC).withQualifier("package", nvrpp.pkg())))
        .orElseThrow(() -> new IllegalArgumentException("no purl for " + nvrpp.canonical()))
        .toString();
  }

  /** A valid purl with a non-empty version, as CDViz's artifact views need. */
  static boolean isVersioned(String purl) {
    try {
      String version = new PackageURL(purl).getVersion();
      return version != null && !version.isEmpty();
    } catch (MalformedPackageURLException e) {
      return false;
    }
  }

  private static PackageURLBuilder base(Nvrpp nvrpp) {
    return PackageURLBuilder.aPackageURL()
        .withName(nvrpp.name())
        .withVersion(nvrpp.version() + "-" + nvrpp.release())
        .withQualifier("platform_id", nvrpp.platformId());
  }

  private static Optional<PackageURL> build(PackageURLBuilder builder) {
    try {
      return Optional.of(builder.build());
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
  }
}
