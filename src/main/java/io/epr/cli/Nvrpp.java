package io.epr.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The unit of work an event is about: name, version, release, platform id and package, all required. */
final class Nvrpp {
  @Option(names = "--name", required = true, description = "Name of the unit of work.")
  String name;

  @Option(names = "--version", required = true, description = "Its version.")
  String version;

  @Option(names = "--release", required = true, description = "Its release, e.g. 2023.11.16.")
  String release;

  @Option(names = "--platform-id", required = true, paramLabel = "PLATFORM_ID",
      description = "Its platform, e.g. x86-64-gnu-linux-9.")
  String platformId;

  @Option(names = "--package", required = true, paramLabel = "PACKAGE",
      description = "Its package type, e.g. rpm, oci, maven.")
  String packageType;

  /** Under the registry's names (name, version, release, platform_id, package). */
  Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("version", version);
    fields.put("release", release);
    fields.put("platform_id", platformId);
    fields.put("package", packageType);
    return fields;
  }

  ObjectNode json() {
    return Output.JSON.valueToTree(fields());
  }
}
