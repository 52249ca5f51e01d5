package io.epr.ingest;

/**
 * A document (SBOM, test report) that a concurrent request stored for the same NVRPP while this one was read: thrown
 * in this one's transaction to roll its event back, and answered with the id stored first.
 */
final class DuplicateDocument extends RuntimeException {
  DuplicateDocument(String what) {
    super("the same " + what + " was stored for this NVRPP meanwhile", null, false, false);
  }
}
