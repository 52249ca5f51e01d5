package io.epr.mcp;

/** A tool was called with arguments that do not fit its input schema; reported to the caller as a tool error. */
final class InvalidToolInput extends IllegalArgumentException {
  InvalidToolInput(String message) {
    super(message);
  }
}
