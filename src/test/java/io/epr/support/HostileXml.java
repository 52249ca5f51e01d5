package io.epr.support;

import java.nio.charset.StandardCharsets;

/**
 * XML built to cost: a CycloneDX 1.6 {@code <bom>} ({@link #SBOM}) or a JUnit {@code <testsuite>}
 * ({@link #TEST_REPORT}) holding elements nested deep, one element with many attributes, very many elements or
 * attributes, or one very long text. Each is well-formed, so only limits stop it.
 */
public final class HostileXml {
  public static final HostileXml SBOM = new HostileXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">", "</bom>");
  public static final HostileXml TEST_REPORT = new HostileXml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuite name=\"hostile\">", "</testsuite>");

  private final String root;
  private final String end;

  private HostileXml(String root, String end) {
    this.root = root;
    this.end = end;
  }

  /** {@code depth} elements {@code <c>} inside each other (7 bytes a level, as the 700 KB for 100,000). */
  public byte[] nested(int depth) {
    return bytes(root + "<c>".repeat(depth) + "</c>".repeat(depth) + end);
  }

  /** One element with {@code count} attributes. */
  public byte[] attributes(int count) {
    StringBuilder element = new StringBuilder("<c");
    for (int i = 0; i < count; i++) {
      element.append(" a").append(i).append("=\"\"");
    }
    return bytes(root + element + "/>" + end);
  }

  /** {@code count} empty elements side by side. */
  public byte[] elements(int count) {
    return bytes(root + "<c/>".repeat(count) + end);
  }

  /** {@code count} elements of 4 attributes each. */
  public byte[] attributesInAll(int elements) {
    return bytes(root + "<c a=\"\" b=\"\" d=\"\" e=\"\"/>".repeat(elements) + end);
  }

  /** One element with a text of {@code length} characters. */
  public byte[] text(int length) {
    return bytes(root + "<c>" + "x".repeat(length) + "</c>" + end);
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
