package io.epr.watcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.model.Nvrpp;
import java.io.IOException;
import java.net.URI;

/** Records each webhook call as an EPR event on the {@value #TYPE} receiver, created on first use if missing. */
final class FiredWebhooks {
  static final String TYPE = "webhook.fired";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    return epr.createEvent(event);
  }

  private synchronized String receiverId() throws IOException, InterruptedException {
    if (receiverId == null) {
      receiverId = epr.receiverOfType(TYPE).orElse(null);
    }
    if (receiverId == null) {
      ObjectNode receiver = JSON.createObjectNode()
          .put("name", TYPE)
          .put("type", TYPE)
          .put("version", "1.0.0")
          .put("description", "webhooks fired by epr watch");
      receiver.putObject("schema");
      receiverId = epr.createReceiver(receiver);
    }
    return receiverId;
  }
}
