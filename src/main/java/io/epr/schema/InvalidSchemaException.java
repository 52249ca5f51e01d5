package io.epr.schema;

/** A receiver schema that is not a JSON Schema, or whose {@code $ref}s cannot be resolved. */
public final class InvalidSchemaException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String reason) {
    super(reason);
  }
}
