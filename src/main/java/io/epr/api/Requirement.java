package io.epr.api;

/** The role a request needs, and the request as a refusal names it ({@code POST /api/v1/events}). */
public record Requirement(Role role, String action) {}
