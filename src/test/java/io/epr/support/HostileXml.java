package io.epr.support;

import java.nio.charset.StandardCharsets;

/**
 * XML SBOMs built to cost: a CycloneDX 1.6 {@code <bom>} holding elements nested deep, one element with many
 * attributes, very many elements or attributes, or one very long text. Each is well-formed, so only limits stop it.
 */
public final class HostileXml {
  private static final String BOM = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\">";
  private static final String END = "</bom>";

  private HostileXml() {}

  /** {@code depth} elements {@code <c>} inside each other (7 bytes a level, as the 700 KB for 100,000). */
  public static byte[] nested(int depth) {
    return bytes(BOM + "<c>".repeat(depth) + "</c>".repeat(depth) + END);
  }

  /** One element with {@code count} attributes. */
  public static byte[] attributes(int count) {
    StringBuilder element = new StringBuilder("<c");
    for (int i = 0; i < count; i++) {
      element.append(" a").append(i).append("=\"\"");
    }
    return bytes(BOM + element + "/>" + END);
  }

  /** {@code count} empty elements side by side. */
  public static byte[] elements(int count) {
    return bytes(BOM + "<c/>".repeat(count) + END);
  }

  /** {@code count} elements of 4 attributes each. */
  public static byte[] attributesInAll(int elements) {
    return bytes(BOM + "<c a=\"\" b=\"\" d=\"\" e=\"\"/>".repeat(elements) + END);
  }

  /** One element with a text of {@code length} characters. */
  public static byte[] text(int length) {
    return bytes(BOM + "<c>" + "x".repeat(length) + "</c>" + END);
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
