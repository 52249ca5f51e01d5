package io.epr.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

/** A package URL split as the registry indexes it; values are decoded, qualifiers are in canonical form. */
public record PurlParts(String type, String namespace, String name, String version, String qualifiers,
    String subpath) {

  /** Parses with packageurl-java; null for an invalid purl, or null. */
  public static PurlParts parse(String purl) {
    PackageURL url;
    try {
      url = new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      return null;
    }
    return new PurlParts(url.getType(), url.getNamespace(), url.getName(), url.getVersion(), qualifiers(url),
        url.getSubpath());
  }

  /**
   * Why {@code purl} is no package URL, for a person: packageurl-java's reason, and how to write a scope (npm's
   * {@code @scope}, whose {@code @} would end the name) when that is what went wrong.
   */
  public static String problem(String purl) {
    String reason;
    try {
      new PackageURL(purl);
      return null;
    } catch (MalformedPackageURLException e) {
      reason = e.getMessage();
    }
    String why = "purl is not a valid package URL: " + purl + " (" + reason + ")";
    int scope = purl.indexOf("/@");
    return scope < 0 ? why : why + "; a scope's @ is written %40, as in " + purl.substring(0, scope + 1) + "%40"
        + purl.substring(scope + 2);
  }

  /** {@code k=v&k=v} as in the canonical purl: keys sorted, values percent-encoded; null without qualifiers. */
  private static String qualifiers(PackageURL url) {
    String canonical = url.canonicalize();
    int start = canonical.indexOf('?');
    if (start < 0) {
      return null;
    }
    int end = canonical.indexOf('#', start);
    return canonical.substring(start + 1, end < 0 ? canonical.length() : end);
  }
}
