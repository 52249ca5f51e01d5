package io.epr.mcp;

import io.epr.client.EprClient;
import io.epr.client.EprQueries;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Tools beyond the workshop's: an artifact's provenance, where a component is used, and storing an SBOM. */
final class ProvenanceTools {
  static final List<String> NVRPP = List.of("name", "version", "release", "platform_id", "package");

  private static final String NVRPP_PROPERTIES = """
      "name":{"type":"string","description":"artifact name"},
      "version":{"type":"string"},
      "release":{"type":"string"},
      "platform_id":{"type":"string","description":"e.g. linux-x64"},
      "package":{"type":"string","description":"package type, e.g. maven, npm, oci"}""";
  private static final String NVRPP_REQUIRED = "\"name\",\"version\",\"release\",\"platform_id\",\"package\"";


  private ProvenanceTools() {}

  static List<EprTool> all() {
    return List.of(provenance(), findComponent(), postSbom());
  }

  private static EprTool provenance() {
    return EprTool.of("provenance", "Provenance",
        "What the EPR knows about one artifact (its NVRPP): its events oldest first with their receivers, its SBOMs, "
            + "its JUnit test reports, the receiver groups it completed and the CDEvents emitted for it.",
        "{\"type\":\"object\",\"properties\":{" + NVRPP_PROPERTIES + "},\"required\":[" + NVRPP_REQUIRED + "]}",
        (epr, args) -> {
          ObjectNode variables = EprClient.JSON.createObjectNode();
          NVRPP.forEach(field -> variables.put(field, args.string(field)));
          return epr.graphql(EprQueries.PROVENANCE, variables).thenApply(r -> EprReplies.graphql("read provenance", r));
        });
  }

  private static EprTool findComponent() {
    return EprTool.of("find_component", "Find Component",
        "The artifacts whose SBOMs contain a component, by purl (without a version: every version; qualifiers are "
            + "ignored) or by name (and version).",
        """
        {"type":"object","properties":{
          "purl":{"type":"string",
                  "description":"package URL, e.g. pkg:maven/com.fasterxml.jackson.core/jackson-databind"},
          "name":{"type":"string","description":"component name, when there is no purl"},
          "version":{"type":"string","description":"component version, with name"},
          "first":{"type":"integer","minimum":1,"maximum":1000,"description":"at most this many (default 100)"}}}""",
        (epr, args) -> {
          ObjectNode variables = EprClient.JSON.createObjectNode();
          variables.put("purl", args.optionalString("purl"));
          variables.put("name", args.optionalString("name"));
          variables.put("version", args.optionalString("version"));
          variables.put("first", args.optionalInteger("first"));
          if (variables.get("purl").isNull() && variables.get("name").isNull()) {
            throw new InvalidToolInput("give 'purl' or 'name'");
          }
          return epr.graphql(EprQueries.COMPONENTS, variables).thenApply(r -> EprReplies.graphql("find components", r));
        });
  }

  private static EprTool postSbom() {
    return EprTool.of("post_sbom", "Post SBOM",
        "Store an artifact's CycloneDX SBOM (JSON or XML, spec 1.2–1.6) for its NVRPP; the answer carries its id "
            + "{\"data\":\"<id>\"}. Its components can then be found with find_component.",
        "{\"type\":\"object\",\"properties\":{" + NVRPP_PROPERTIES + ","
            + "\"description\":{\"type\":\"string\"},"
            + "\"sbom\":{\"type\":[\"string\",\"object\"],"
            + "\"description\":\"the CycloneDX document, as text or as a JSON object\"}},"
            + "\"required\":[" + NVRPP_REQUIRED + ",\"sbom\"]}",
        (epr, args) -> {
          StringBuilder path = new StringBuilder("/api/v1/sboms?");
          NVRPP.forEach(field ->
              path.append(field).append('=').append(EprClient.encode(args.string(field))).append('&'));
          String description = args.optionalString("description");
          if (description != null) {
            path.append("description=").append(EprClient.encode(description)).append('&');
          }
          String sbom = args.document("sbom");
          String type = sbom.stripLeading().startsWith("<") ? "application/xml" : "application/json";
          return epr.post(path.substring(0, path.length() - 1), type, sbom)
              .thenApply(reply -> EprReplies.created("SBOM", reply));
        });
  }
}
