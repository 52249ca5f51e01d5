package io.epr.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Valid CycloneDX documents of any size: about 650 bytes a component in JSON, 700 in XML. Component {@code i} is
 * {@code component-i} (bom-ref {@code ref-i}, group {@code org.example.group<i % 7>}, version {@code 1.<i % 10>.0})
 * with a maven purl, qualified {@code type=jar} when {@code i} is even; SHA-1, SHA-256 and SHA-512 hashes ({@code i}
 * in hex); and an SPDX id ({@code Apache-2.0}, when {@code i % 3 == 0}), a name ({@code Example License <i % 5>}) or
 * an expression ({@code MIT OR Apache-2.0}). In each ten, the first holds the second and third, the third holds the
 * fourth, so depth first document order is index order. {@code metadata.component} is {@code generated-app} 1.0.0.
 */
public final class SbomGenerator {
  private static final JsonFactory JSON = new JsonFactory();
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();
  private static final String XML16_NAMESPACE = "http://cyclonedx.org/schema/bom/1.6";

  private SbomGenerator() {}

  /** JSON of any specVersion from 1.2; {@code metadata.component} has no purl when metadataPurl is null. */
  public static byte[] json(String specVersion, int components, String metadataPurl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(components * 520 + 1024);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("bomFormat", "CycloneDX");
      json.writeStringField("specVersion", specVersion);
      json.writeStringField("serialNumber", serialNumber(components));
      json.writeNumberField("version", 1);
      json.writeObjectFieldStart("metadata");
      json.writeObjectFieldStart("component");
      json.writeStringField("type", "application");
      json.writeStringField("name", "generated-app");
      json.writeStringField("version", "1.0.0");
      if (metadataPurl != null) {
        json.writeStringField("purl", metadataPurl);
      }
      json.writeEndObject();
      json.writeEndObject();
      writeJson(json, topLevel(components));
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** CycloneDX 1.6 XML, its {@code metadata.component} with the purl {@code pkg:generic/generated-app@1.0.0}. */
  public static byte[] xml16(int components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(components * 700 + 1024);
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("bom");
      xml.writeDefaultNamespace(XML16_NAMESPACE);
      xml.writeAttribute("serialNumber", serialNumber(components));
      xml.writeAttribute("version", "1");
      xml.writeStartElement("metadata");
      xml.writeStartElement("component");
      xml.writeAttribute("type", "application");
      text(xml, "name", "generated-app");
      text(xml, "version", "1.0.0");
      text(xml, "purl", "pkg:generic/generated-app@1.0.0");
      xml.writeEndElement();
      xml.writeEndElement();
      writeXml(xml, topLevel(components));
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void writeJson(JsonGenerator json, Generated[] components) throws IOException {
    json.writeArrayFieldStart("components");
    for (Generated component : components) {
      json.writeStartObject();
      json.writeStringField("type", "library");
      json.writeStringField("bom-ref", component.bomRef());
      json.writeStringField("group", component.group());
      json.writeStringField("name", component.name());
      json.writeStringField("version", component.version());
      json.writeStringField("description", component.description());
      json.writeArrayFieldStart("hashes");
      for (String[] hash : component.hashes()) {
        json.writeStartObject();
        json.writeStringField("alg", hash[0]);
        json.writeStringField("content", hash[1]);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("licenses");
      json.writeStartObject();
      switch (component.licenseKind()) {
        case ID -> {
          json.writeObjectFieldStart("license");
          json.writeStringField("id", component.license());
          json.writeEndObject();
        }
        case NAME -> {
          json.writeObjectFieldStart("license");
          json.writeStringField("name", component.license());
          json.writeEndObject();
        }
        case EXPRESSION -> json.writeStringField("expression", component.license());
      }
      json.writeEndObject();
      json.writeEndArray();
      json.writeStringField("purl", component.purl());
      Generated[] children = component.children();
      if (children.length > 0) {
        writeJson(json, children);
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Elements in the order the 1.6 XSD's sequence asks for. */
  private static void writeXml(XMLStreamWriter xml, Generated[] components) throws XMLStreamException {
    xml.writeStartElement("components");
    for (Generated component : components) {
      xml.writeStartElement("component");
      xml.writeAttribute("type", "library");
      xml.writeAttribute("bom-ref", component.bomRef());
      text(xml, "group", component.group());
      text(xml, "name", component.name());
      text(xml, "version", component.version());
      text(xml, "description", component.description());
      xml.writeStartElement("hashes");
      for (String[] hash : component.hashes()) {
        xml.writeStartElement("hash");
        xml.writeAttribute("alg", hash[0]);
        xml.writeCharacters(hash[1]);
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeStartElement("licenses");
      switch (component.licenseKind()) {
        case ID, NAME -> {
          xml.writeStartElement("license");
          text(xml, component.licenseKind() == LicenseKind.ID ? "id" : "name", component.license());
          xml.writeEndElement();
        }
        case EXPRESSION -> text(xml, "expression", component.license());
      }
      xml.writeEndElement();
      text(xml, "purl", component.purl());
      Generated[] children = component.children();
      if (children.length > 0) {
        writeXml(xml, children);
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static String serialNumber(int components) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(("generated " + components).getBytes(StandardCharsets.UTF_8));
  }

  private static Generated[] topLevel(int count) {
    return IntStream.range(0, count).filter(i -> i % 10 < 1 || i % 10 > 3)
        .mapToObj(i -> new Generated(i, count)).toArray(Generated[]::new);
  }

  private enum LicenseKind { ID, NAME, EXPRESSION }

  private record Generated(int index, int count) {
    String bomRef() {
      return "ref-" + index;
    }

    String group() {
      return "org.example.group" + index % 7;
    }

    String name() {
      return "component-" + index;
    }

    String version() {
      return "1." + index % 10 + ".0";
    }

    String description() {
      return "Generated component " + index + ", one of " + count + " in a generated CycloneDX document";
    }

    String purl() {
      return "pkg:maven/" + group() + "/" + name() + "@" + version() + (index % 2 == 0 ? "?type=jar" : "");
    }

    String[][] hashes() {
      return new String[][] {{"SHA-1", "%040x".formatted(index)}, {"SHA-256", "%064x".formatted(index)},
          {"SHA-512", "%0128x".formatted(index)}};
    }

    LicenseKind licenseKind() {
      return LicenseKind.values()[index % 3];
    }

    String license() {
      return switch (licenseKind()) {
        case ID -> "Apache-2.0";
        case NAME -> "Example License " + index % 5;
        case EXPRESSION -> "MIT OR Apache-2.0";
      };
    }

    Generated[] children() {
      int[] children = switch (index % 10) {
        case 0 -> new int[] {index + 1, index + 2};
        case 2 -> new int[] {index + 1};
        default -> new int[0];
      };
      return IntStream.of(children).filter(child -> child < count)
          .mapToObj(child -> new Generated(child, count)).toArray(Generated[]::new);
    }
  }
}
