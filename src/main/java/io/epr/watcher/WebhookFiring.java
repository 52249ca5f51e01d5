package io.epr.watcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POSTs each message to a webhook, then records the outcome in EPR, delivered or not. */
final class WebhookFiring implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookFiring.class);

  private final Webhook webhook;
  private final FiredWebhooks fired;

  WebhookFiring(Webhook webhook, FiredWebhooks fired) {
    this.webhook = webhook;
    this.fired = fired;
  }

  @Override
  public void handle(Message message) throws Exception {
    Webhook.Delivery delivery = webhook.post(message.toJson());
    String eventId = fired.record(webhook.url(), message, delivery);
    LOG.info("webhook {} for {} {}: status {} after {} attempt(s), recorded as event {}",
        webhook.url(), message.type(), message.id(), delivery.status(), delivery.attempts(), eventId);
  }
}
