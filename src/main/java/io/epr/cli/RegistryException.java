package io.epr.cli;

/** A request that failed; the message is the one line the user sees after "epr: ". */
final class RegistryException extends RuntimeException {
  static final int FAILED = 1;
  static final int UNREACHABLE = 2;

  final int exitCode;

  RegistryException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}
