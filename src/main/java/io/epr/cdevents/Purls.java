package io.epr.cdevents;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import io.epr.model.Nvrpp;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Package URLs of artifacts: derived from an NVRPP as the purl spec has them for the package type, and checked when a
 * client gives one. The NVRPP's package is the purl type; its name carries the namespace the type has (a maven group
 * as {@code group:artifact} or {@code group/artifact}, an npm scope as {@code @scope/name}, a path for golang, docker,
 * github…); its version and release make the purl's version ({@code 1.4.0-101}), except for oci, whose version is a
 * digest: there they are the {@code tag} qualifier unless the version is a digest. The platform is a qualifier.
 */
final class Purls {
  /** The purl-spec's registered types. */
  private static final Set<String> KNOWN_TYPES = Set.of("alpm", "apk", "bitbucket", "bitnami", "cargo", "cocoapods",
      "composer", "conan", "conda", "cpan", "cran", "deb", "docker", "gem", "generic", "github", "golang", "hackage",
      "hex", "huggingface", "luarocks", "maven", "mlflow", "npm", "nuget", "oci", "pub", "pypi", "qpkg", "rpm", "swid",
      "swift");

  private Purls() {}

  /**
   * The NVRPP's purl, of its package's type; {@code pkg:generic/…} with a {@code package} qualifier when the package
   * is no purl type, or its name lacks what the type needs (a maven name without its group).
   */
  static String of(Nvrpp nvrpp) {
    String type = nvrpp.pkg().toLowerCase(Locale.ROOT);
    Optional<PackageURL> typed = KNOWN_TYPES.contains(type) ? build(typed(type, nvrpp)) : Optional.empty();
    return typed
        .or(() -> build(base(nvrpp).withType(PackageURL.StandardTypes.GENERIC).withName(nvrpp.name())
            .withVersion(version(nvrpp)).withQualifier("package", nvrpp.pkg())))
        .orElseThrow(() -> new IllegalArgumentException("no purl for " + nvrpp.canonical()))
        .toString();
  }

  /** A valid purl that CDViz's artifact views take as an artifact version: with a version or qualifiers. */
  static boolean isArtifact(String purl) {
    try {
      PackageURL parsed = new PackageURL(purl);
      String version = parsed.getVersion();
      return version != null && !version.isEmpty() || parsed.getQualifiers() != null
          && !parsed.getQualifiers().isEmpty();
    } catch (MalformedPackageURLException e) {
      return false;
    }
  }

  private static PackageURLBuilder typed(String type, Nvrpp nvrpp) {
    String name = nvrpp.name();
    int split = type.equals("maven") && name.indexOf(':') > 0 ? name.lastIndexOf(':') : name.lastIndexOf('/');
    String namespace = split > 0 ? name.substring(0, split) : null;
    String simpleName = name.substring(split + 1);
    PackageURLBuilder purl = base(nvrpp).withType(type).withName(simpleName);
    if (!type.equals("oci")) {
      return purl.withNamespace(namespace).withVersion(version(nvrpp));
    }
    if (namespace != null) {
      purl.withQualifier("repository_url", name);
    }
    return nvrpp.version().startsWith("sha256:") ? purl.withVersion(nvrpp.version())
        .withQualifier("tag", nvrpp.release()) : purl.withQualifier("tag", version(nvrpp));
  }

  private static String version(Nvrpp nvrpp) {
    return nvrpp.version() + "-" + nvrpp.release();
  }

  private static PackageURLBuilder base(Nvrpp nvrpp) {
    return PackageURLBuilder.aPackageURL().withQualifier("platform_id", nvrpp.platformId());
  }

  private static Optional<PackageURL> build(PackageURLBuilder builder) {
    try {
      return Optional.of(builder.build());
    } catch (MalformedPackageURLException e) {
      return Optional.empty();
    }
  }
}
