package io.epr.ingest;

/** Input a client must fix: answered 400 (REST) or as a GraphQL error, as {@code invalid input: <message>}. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message, null, false, false);
  }

  public String eprMessage() {
    return "invalid input: " + getMessage();
  }
}
