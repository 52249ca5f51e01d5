package io.epr.ingest;

/** A lookup by id found nothing: answered 404 as {@code object not found: <kind> with id <id> not found}. */
public final class ObjectNotFoundException extends RuntimeException {
  public ObjectNotFoundException(String kind, String id) {
    super(kind + " with id " + id + " not found", null, false, false);
  }

  public String eprMessage() {
    return "object not found: " + getMessage();
  }
}
