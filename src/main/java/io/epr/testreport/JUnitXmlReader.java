package io.epr.testreport;

import io.epr.model.Cancellation;
import io.epr.model.Excerpt;
import io.epr.model.TestReport.Case;
import io.epr.model.TestReport.Outcome;
import io.epr.model.TestReport.Suite;
import io.epr.model.TestReport;
import io.epr.xml.XmlLimits;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the JUnit XML that build tools write (Maven Surefire and Failsafe, Gradle, pytest's --junitxml, jest-junit,
 * go-junit-report: root {@code <testsuites>} or {@code <testsuite>}, suites possibly nested) in one streaming pass,
 * held to {@link XmlLimits} and the request's {@link Cancellation}. A DOCTYPE is refused, so no entity is declared,
 * fetched or expanded. A suite that only wraps other suites is not one of its own: its cases are theirs, and its time
 * would count them twice. Cases straight under {@code <testsuites>} make a suite named as the root.
 */
public final class JUnitXmlReader {
  /** Test cases in one report: the largest real suites (a monorepo's nightly run) have tens of thousands. */
  public static final int MAX_CASES = 100_000;
  /** Bytes (UTF-8) of a case's name, its classname and its suite's name: they are indexed together. */
  public static final int MAX_NAME_BYTES = 1000;
  /** Characters of a case's message kept. */
  public static final int MAX_MESSAGE = 1000;

  private JUnitXmlReader() {}

  public static TestReport read(byte[] document, Cancellation cancellation) throws InvalidTestReportException {
    try {
      XMLStreamReader reader = XmlLimits.open(document, cancellation);
      try {
        return new Pass(reader).read();
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      throw new InvalidTestReportException("not a JUnit XML report: malformed XML: " + XmlLimits.malformed(e));
    } catch (XmlLimits.Passed limit) {
      throw new InvalidTestReportException("refused XML document: " + limit.getMessage()
          + "; that is the limit for a test report in XML");
    }
  }

  /** A suite as it is read: its own cases, and whether it holds other suites. */
  private static final class OpenSuite {
    final String name;
    final Double durationSeconds;
    final OffsetDateTime timestamp;
    final List<Case> cases = new ArrayList<>();
    boolean wrapsSuites;

    OpenSuite(String name, Double durationSeconds, OffsetDateTime timestamp) {
      this.name = name;
      this.durationSeconds = durationSeconds;
      this.timestamp = timestamp;
    }

    Suite suite() {
      return new Suite(name, durationSeconds, timestamp, List.copyOf(cases));
    }
  }

  /** The case being read: its outcome so far, and the text of its outcome element while that has no message. */
  private static final class OpenCase {
    final String name;
    final String classname;
    final Double durationSeconds;
    Outcome outcome = Outcome.SUCCESS;
    String message;
    StringBuilder text;

    OpenCase(String name, String classname, Double durationSeconds) {
      this.name = name;
      this.classname = classname;
      this.durationSeconds = durationSeconds;
    }
  }

  private static final class Pass {
    /** Whole thousands grouped by commas; a leading 0 is never grouped ("0,123" is a decimal comma). */
    private static final Pattern THOUSANDS = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+");
    private final XMLStreamReader reader;
    private final XmlLimits.Tally tally = new XmlLimits.Tally();
    /** Every suite in the order it started, the root's stand-in for cases straight under it included. */
    private final List<OpenSuite> started = new ArrayList<>();
    private final Deque<OpenSuite> open = new ArrayDeque<>();
    private OpenSuite rootCases;
    private String rootName;
    private OpenCase current;
    private int caseDepth;
    private int depth;
    private int cases;

    Pass(XMLStreamReader reader) {
      this.reader = reader;
    }

    TestReport read() throws XMLStreamException, XmlLimits.Passed, InvalidTestReportException {
      while (reader.hasNext()) {
        int event = reader.next();
        tally.count(reader, event);
        switch (event) {
          case XMLStreamConstants.DTD -> throw new InvalidTestReportException("not a usable JUnit XML report: "
              + XmlLimits.doctypeRefused(reader.getLocation(), "JUnit XML"));
          case XMLStreamConstants.START_ELEMENT -> start();
          case XMLStreamConstants.END_ELEMENT -> end();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
          default -> { }
        }
      }
      List<Suite> suites = new ArrayList<>();
      for (OpenSuite s : started) {
        if (!(s.wrapsSuites && s.cases.isEmpty())) {
          suites.add(s.suite());
        }
      }
      return new TestReport(List.copyOf(suites));
    }

    private void start() throws InvalidTestReportException {
      String element = reader.getLocalName();
      if (depth++ == 0) {
        if (!element.equals("testsuites") && !element.equals("testsuite")) {
          throw new InvalidTestReportException("not a JUnit XML report: the root element is "
              + Excerpt.quote(element) + "; a JUnit XML report's root is testsuites or testsuite");
        }
        rootName = attribute("name");
      }
      if (current != null) {
        if (depth == caseDepth + 1) {
          outcome(element);
        }
        return;
      }
      if (element.equals("testsuite")) {
        if (!open.isEmpty()) {
          open.peek().wrapsSuites = true;
        }
        String name = attribute("name");
        checkName("testsuite name", name);
        OpenSuite suite = new OpenSuite(name, seconds("testsuite", name), timestamp(name));
        started.add(suite);
        open.push(suite);
      } else if (element.equals("testcase")) {
        if (++cases > MAX_CASES) {
          throw problem("the report has more than " + MAX_CASES + " test cases; that is the limit for a test report");
        }
        String name = attribute("name");
        if (name == null || name.isBlank()) {
          throw problem("a testcase without a name");
        }
        checkName("testcase name", name);
        String classname = attribute("classname");
        checkName("testcase classname", classname);
        current = new OpenCase(name, classname, seconds("testcase", name));
        caseDepth = depth;
      }
    }

    /** A child of a testcase: failure before error before skipped; the first of a kind says the message. */
    private void outcome(String element) {
      Outcome outcome = switch (element) {
        case "failure" -> Outcome.FAILURE;
        case "error" -> Outcome.ERROR;
        case "skipped" -> Outcome.SKIPPED;
        default -> null;
      };
      if (outcome == null || current.outcome != Outcome.SUCCESS && current.outcome.ordinal() <= outcome.ordinal()) {
        return;
      }
      current.outcome = outcome;
      current.message = firstNonBlank(attribute("message"), attribute("type"));
      current.text = current.message == null ? new StringBuilder() : null;
    }

    private void text() {
      if (current != null && current.text != null && depth == caseDepth + 1 && current.text.length() <= MAX_MESSAGE) {
        String chunk = reader.getText();
        chunk = current.text.isEmpty() ? chunk.stripLeading() : chunk;
        current.text.append(chunk, 0, Math.min(chunk.length(), MAX_MESSAGE + 1 - current.text.length()));
      }
    }

    private void end() {
      String element = reader.getLocalName();
      if (current != null) {
        if (depth == caseDepth + 1 && current.text != null) {
          current.message = firstNonBlank(current.text.toString(), null);
          current.text = null;
        } else if (depth == caseDepth) {
          String message = current.message == null ? null : cut(current.message.strip());
          suiteOfCase().cases.add(new Case(current.name, current.classname, current.outcome, current.durationSeconds,
              message));
          current = null;
        }
      } else if (element.equals("testsuite") && !open.isEmpty()) {
        open.pop();
      }
      depth--;
    }

    private OpenSuite suiteOfCase() {
      if (!open.isEmpty()) {
        return open.peek();
      }
      if (rootCases == null) {
        rootCases = new OpenSuite(rootName, null, null);
        started.add(rootCases);
      }
      return rootCases;
    }

    private String attribute(String name) {
      return reader.getAttributeValue(null, name);
    }

    /** The {@code time} attribute in seconds ("1,234.5" too); null when absent or blank. */
    private Double seconds(String element, String name) throws InvalidTestReportException {
      String time = attribute("time");
      if (time == null || time.isBlank()) {
        return null;
      }
      try {
        double seconds = Double.parseDouble(decimal(time.strip()));
        if (Double.isFinite(seconds) && seconds >= 0) {
          return seconds;
        }
      } catch (NumberFormatException notANumber) {
        // falls through to the message
      }
      throw problem(element + " " + (name == null ? "" : Excerpt.quote(name) + " ") + "has time "
          + Excerpt.quote(time) + ", not a number of seconds");
    }

    /**
     * A time as Java reads it. Commas group thousands where a point marks the decimals ("1,234.5", as Surefire
     * writes) or where they group whole thousands ("1,234"); otherwise a comma is a decimal comma ("0,123", "1,5"), as
     * tools in some locales write.
     */
    static String decimal(String time) {
      if (time.indexOf(',') < 0) {
        return time;
      }
      boolean grouping = time.indexOf('.') >= 0 || THOUSANDS.matcher(time).matches();
      return grouping ? time.replace(",", "") : time.replace(',', '.');
    }

    /** The suite's {@code timestamp}: ISO-8601 with or without an offset (none: UTC); null when absent or blank. */
    private OffsetDateTime timestamp(String suite) throws InvalidTestReportException {
      String timestamp = attribute("timestamp");
      if (timestamp == null || timestamp.isBlank()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(timestamp.strip());
      } catch (DateTimeParseException withoutOffset) {
        try {
          return LocalDateTime.parse(timestamp.strip()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw problem("testsuite " + (suite == null ? "" : Excerpt.quote(suite) + " ") + "has timestamp "
              + Excerpt.quote(timestamp) + ", not an ISO-8601 date and time (2024-05-01T12:00:00Z)");
        }
      }
    }

    private void checkName(String what, String value) throws InvalidTestReportException {
      if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        throw problem(what + " " + Excerpt.quote(value) + " is longer than " + MAX_NAME_BYTES
            + " bytes in UTF-8");
      }
    }

    private InvalidTestReportException problem(String what) {
      return new InvalidTestReportException("not a usable JUnit XML report: " + XmlLimits.at(reader.getLocation())
          + ": " + what);
    }
  }

  private static String firstNonBlank(String first, String second) {
    return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
  }

  private static String cut(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
  }
}
