package io.epr.model;

/**
 * A client's Idempotency-Key for one endpoint ({@code POST /api/v1/events}), with the SHA-256 of the request it came
 * with: the same key with another request is a mistake the client is told of, not a retry.
 */
public record IdempotencyKey(String endpoint, String key, String requestSha256) {}
