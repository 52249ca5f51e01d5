package io.epr.cdevents;

/** One CDEvent to emit: its context id/type, subject id, and the whole CDEvent as compact JSON. */
public record CdEvent(String id, String type, String subjectId, String source, String timestamp, String json) {}
