package io.epr.client;

import java.util.List;

/**
 * The GraphQL operations EPR's own clients send (the CLI, the MCP server's tools), each written once: what a
 * provenance or components answer holds is the same whichever client asked.
 */
public final class EprQueries {
  /** Everything recorded for one NVRPP; variables name, version, release, platform_id, package. */
  public static final String PROVENANCE = "query ($name: String!, $version: String!, $release: String!, "
      + "$platform_id: String!, $package: String!) {provenance(name: $name, version: $version, release: $release, "
      + "platform_id: $platform_id, package: $package) {"
      + "events {id name version release platform_id package description success created_at event_receiver_id "
      + "event_receiver {id name type version}} "
      + "sboms {id spec_version serial_number component_count created_at} "
      + "test_reports {id tests failures errors skipped duration_seconds environment_id created_at} "
      + "groups_completed {id name type version} "
      + "cdevents {id type subject_id kafka_delivered cdviz_delivered}}}";

  /** The builds whose SBOMs contain a package; variables purl or name (with version), first. */
  public static final String COMPONENTS = "query ($purl: String, $name: String, $version: String, $first: Int) {"
      + "components(purl: $purl, name: $name, version: $version, first: $first) {"
      + "sbom_id name version release platform_id package component {name version group type purl licenses}}}";

  private EprQueries() {}

  /**
   * A search in the Go client's shape, the filters in the variable {@code obj}:
   * {@code query ($obj: FindEventInput!){events(event: $obj) {id,name}}}.
   */
  public static String search(String field, String argument, String inputType, List<String> fields) {
    return "query ($obj: " + inputType + "!){" + field + "(" + argument + ": $obj) {" + String.join(",", fields) + "}}";
  }
}
