package io.epr.cli;

import io.epr.client.EprQueries;
import java.util.List;

/** A searchable type of the registry's GraphQL schema, with the fields --fields may name. */
enum Resource {
  EVENT("events", "event", "FindEventInput",
      List.of("id", "name", "version", "release", "platform_id", "package", "description", "payload", "success",
          "created_at", "event_receiver_id"),
      List.of("id", "name", "version", "release", "platform_id", "package", "success")),
  RECEIVER("event_receivers", "event_receiver", "FindEventReceiverInput",
      List.of("id", "name", "type", "version", "description", "schema", "fingerprint", "created_at"),
      List.of("id", "name", "version", "type")),
  GROUP("event_receiver_groups", "event_receiver_group", "FindEventReceiverGroupInput",
      List.of("id", "name", "type", "version", "description", "enabled", "event_receiver_ids", "created_at",
          "updated_at"),
      List.of("id", "name", "version", "type"));

  final String query;
  final String argument;
  final String input;
  final List<String> allFields;
  final List<String> defaultFields;

  Resource(String query, String argument, String input, List<String> allFields, List<String> defaultFields) {
    this.query = query;
    this.argument = argument;
    this.input = input;
    this.allFields = allFields;
    this.defaultFields = defaultFields;
  }

  /** The Go client's query shape: {@code query ($obj: FindEventInput!){events(event: $obj) {id,name}}}. */
  String searchQuery(List<String> fields) {
    return EprQueries.search(query, argument, input, fields);
  }
}
