package io.epr.model;

import java.time.OffsetDateTime;
import java.util.List;

/** A gate: fires for an NVRPP when the latest event of every member receiver for it succeeded. */
public record EventReceiverGroup(
    String id, String name, String type, String version, String description, boolean enabled,
    List<String> receiverIds, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
