package io.epr.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.client.EprClient;
import io.epr.model.Nvrpp;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Records each webhook call as an EPR event on the {@value #TYPE} receiver, created on first use if missing. */
final class FiredWebhooks {
  static final String TYPE = "webhook.fired";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECEIVERS_OF_TYPE =
      "query($type: String){event_receivers(event_receiver:{type: $type}){id}}";

  private final EprClient epr;
  private String receiverId;

  FiredWebhooks(EprClient epr) {
    this.epr = epr;
  }

  /** The new event's id. */
  String record(URI url, Message message, Webhook.Delivery delivery) throws IOException, InterruptedException {
    Nvrpp nvrpp = message.nvrpp();
    ObjectNode event = JSON.createObjectNode()
        .put("name", nvrpp.name())
        .put("version", nvrpp.version())
        .put("release", nvrpp.release())
        .put("platform_id", nvrpp.platformId())
        .put("package", nvrpp.pkg())
        .put("description", "webhook " + url + " for " + message.type() + " " + message.id())
        .put("success", delivery.delivered())
        .put("event_receiver_id", receiverId());
    ObjectNode payload = event.putObject("payload").put("url", url.toString());
    if (delivery.status() == 0) {
      payload.putNull("status");
    } else {
      payload.put("status", delivery.status());
    }
    payload.put("message_id", message.id()).put("message_type", message.type()).put("attempts", delivery.attempts());
    return call(epr.postJson("/api/v1/events", event), "/api/v1/events").get("data").asText();
  }

  private synchronized String receiverId() throws IOException, InterruptedException {
    if (receiverId == null) {
      ObjectNode variables = JSON.createObjectNode().put("type", TYPE);
      JsonNode answer = call(epr.graphql(RECEIVERS_OF_TYPE, variables), "GraphQL");
      if (answer.hasNonNull("errors")) {
        throw new IOException("EPR GraphQL errors: " + answer.get("errors"));
      }
      JsonNode found = answer.at("/data/event_receivers");
      receiverId = found.isEmpty() ? null : found.get(0).get("id").asText();
    }
    if (receiverId == null) {
      ObjectNode receiver = JSON.createObjectNode()
          .put("name", TYPE)
          .put("type", TYPE)
          .put("version", "1.0.0")
          .put("description", "webhooks fired by epr watch");
      receiver.putObject("schema");
      receiverId = call(epr.postJson("/api/v1/receivers", receiver), "/api/v1/receivers").get("data").asText();
    }
    return receiverId;
  }

  /** Waits for the EPR's answer (the watcher runs on its own thread); anything but a 2xx is an IOException. */
  private static JsonNode call(CompletableFuture<EprClient.Reply> request, String what)
      throws IOException, InterruptedException {
    EprClient.Reply reply;
    try {
      reply = request.get();
    } catch (ExecutionException e) {
      throw new IOException("EPR " + what + ": " + e.getCause(), e.getCause());
    }
    if (!reply.ok()) {
      throw new IOException("EPR " + what + " answered " + reply.status() + ": " + reply.body());
    }
    return reply.json();
  }
}
