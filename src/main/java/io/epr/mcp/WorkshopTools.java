package io.epr.mcp;

import io.epr.client.EprClient;
import io.epr.client.EprQueries;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The nine tools of the workshop's Python MCP server (section 11), with the same names and inputs. */
final class WorkshopTools {
  private static final String ID_INPUT = """
      {"type":"object","properties":{"id":{"type":"string","description":"the %s's id (a ULID)"}},"required":["id"]}""";
  private static final String SEARCH_INPUT = """
      {"type":"object","properties":{"data":{"type":"object","description":"%s"}},"required":["data"]}""";
  private static final String CREATE_INPUT = """
      {"type":"object","properties":{"%s":{"type":"object","description":"%s"}},"required":["%1$s"]}""";

  private static final List<String> EVENT_FIELDS = List.of("id", "name", "version", "release", "platform_id",
      "package", "description", "success", "event_receiver_id");
  private static final List<String> RECEIVER_FIELDS = List.of("id", "name", "type", "version", "description");

  private WorkshopTools() {}

  static List<EprTool> all() {
    return List.of(
        fetch("fetch_event", "Fetch Event", "event", "/api/v1/events/"),
        fetch("fetch_receiver", "Fetch Receiver", "event receiver", "/api/v1/receivers/"),
        fetch("fetch_group", "Fetch Group", "event receiver group", "/api/v1/groups/"),
        search("search_events", "Search Events", "events",
            "FindEventInput", "events", "event", EVENT_FIELDS,
            "exact-match filters, all optional: id, name, version, release, platform_id, package, success, "
                + "event_receiver_id ({} finds all); other keys are ignored"),
        search("search_receivers", "Search Receivers", "receivers",
            "FindEventReceiverInput", "event_receivers", "event_receiver", RECEIVER_FIELDS,
            "exact-match filters, all optional: id, name, type, version; other keys are ignored"),
        search("search_groups", "Search Groups", "groups",
            "FindEventReceiverGroupInput", "event_receiver_groups", "event_receiver_group", RECEIVER_FIELDS,
            "exact-match filters, all optional: id, name, type, version; other keys are ignored"),
        create("create_event", "Event", "event", "event_data", "/api/v1/events",
            "name, version, release, platform_id, package, description, payload (an object matching the receiver's "
                + "schema), success (boolean), event_receiver_id"),
        create("create_receiver", "Receiver", "event receiver", "receiver_data", "/api/v1/receivers",
            "name, type, version, description, schema (a JSON Schema object; {} accepts any payload)"),
        create("create_group", "Group", "event receiver group", "group_data", "/api/v1/groups",
            "name, type, version, description, enabled (boolean), event_receiver_ids (array of receiver ids)"));
  }

  private static EprTool fetch(String name, String title, String what, String path) {
    return EprTool.of(name, title, "Fetch one " + what + " by id: the EPR's JSON {\"data\":[{…}]}.",
        ID_INPUT.formatted(what),
        (epr, args) -> epr.get(path + EprClient.encode(args.string("id"))).thenApply(EprReplies::rest));
  }

  private static EprTool search(String name, String title, String what, String inputType,
      String field, String argument, List<String> fields, String filters) {
    String query = EprQueries.search(field, argument, inputType, fields);
    return EprTool.of(name, title, "Search " + what + " by exact-match filters; the GraphQL response JSON.",
        SEARCH_INPUT.formatted(filters),
        (epr, args) -> {
          ObjectNode variables = EprClient.JSON.createObjectNode();
          variables.set("obj", args.object("data"));
          return epr.graphql(query, variables).thenApply(reply -> EprReplies.graphql("search " + what, reply));
        });
  }

  private static EprTool create(String name, String what, String noun, String input, String path,
      String fields) {
    return EprTool.of(name, "Create " + what,
        "Create an " + noun + " in the EPR; the answer carries its id {\"data\":\"<id>\"}.",
        CREATE_INPUT.formatted(input, "the fields: " + fields),
        (epr, args) -> epr.postJson(path, args.object(input)).thenApply(reply -> EprReplies.created(what, reply)));
  }
}
