package io.epr.mcp;

import io.epr.client.EprClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Read-only views of the registry: all receivers, and the latest events. */
final class EprResources {
  static final int RECENT_EVENTS = 20;

  private EprResources() {}

  /** One resource and how to read it. */
  record EprResource(Resource resource, Function<EprClient, CompletableFuture<String>> reader) {
    Mono<ReadResourceResult> read(EprClient epr) {
      return Mono.defer(() -> Mono.fromFuture(reader.apply(epr))).map(text ->
          new ReadResourceResult(List.of(new TextResourceContents(resource.uri(), "application/json", text))));
    }
  }

  static List<EprResource> all() {
    return List.of(
        new EprResource(resource("epr://receivers", "receivers", "All event receivers (JSON array)."),
            epr -> search(epr, "query { event_receivers(event_receiver: {}) "
                + "{ id name type version description fingerprint created_at } }", "event_receivers")
                .thenApply(JsonNode::toString)),
        new EprResource(resource("epr://events/recent", "recent events",
            "The " + RECENT_EVENTS + " most recent events, newest first (JSON array)."),
            epr -> search(epr, "query { events(event: {}) { id name version release platform_id package description "
                + "success event_receiver_id created_at } }", "events").thenApply(EprResources::newest)));
  }

  private static Resource resource(String uri, String name, String description) {
    return Resource.builder().uri(uri).name(name).description(description).mimeType("application/json").build();
  }

  private static CompletableFuture<ArrayNode> search(EprClient epr, String query, String field) {
    return epr.graphql(query, EprClient.JSON.createObjectNode()).thenApply(reply -> {
      JsonNode list = reply.json() == null ? null : reply.json().path("data").path(field);
      if (list == null || !list.isArray()) {
        throw new IllegalStateException("EPR search failed: " + EprReplies.errorText(reply));
      }
      return (ArrayNode) list;
    });
  }

  /** Event ids are ULIDs, so they sort by creation time. */
  private static String newest(ArrayNode events) {
    List<JsonNode> sorted = new ArrayList<>();
    events.forEach(sorted::add);
    sorted.sort(Comparator.comparing((JsonNode e) -> e.path("id").asText()).reversed());
    ArrayNode recent = EprClient.JSON.createArrayNode();
    sorted.stream().limit(RECENT_EVENTS).forEach(recent::add);
    return recent.toString();
  }
}
