package io.epr.testreport;

/** A document the registry does not take as a JUnit XML test report; the message says what is wrong and where. */
public final class InvalidTestReportException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidTestReportException(String message) {
    super(message, null, false, false);
  }
}
