package io.epr.model;

import java.time.OffsetDateTime;

/** One occurrence of an action for an artifact. {@code payload} is compact JSON text. Events are immutable. */
public record Event(
    String id, Nvrpp nvrpp, String description, String payload, boolean success, OffsetDateTime createdAt,
    String receiverId) {}
