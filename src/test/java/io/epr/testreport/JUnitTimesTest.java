package io.epr.testreport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epr.model.Cancellation;
import io.epr.model.TestReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A case's {@code time} as the tools that write JUnit XML write it: a point for decimals, commas grouping thousands
 * (Surefire), or a decimal comma (tools in some locales). Read wrong, a 0.123 s test counts as 123 s in the report's
 * duration and in the pipeline's CDEvents.
 */
class JUnitTimesTest {
  @ParameterizedTest(name = "time=\"{0}\" is {1} s")
  @CsvSource(delimiter = ';', value = {
      "0.123;0.123", "12;12", "0,123;0.123", "1,5;1.5", "12,75;12.75", "1,234.5;1234.5", "1,234;1234",
      "12,345,678.25;12345678.25", "0,5;0.5", " 2.5 ;2.5"})
  void aCaseTimeIsReadInSeconds(String time, double seconds) throws Exception {
    String xml = "<testsuite name=\"s\"><testcase name=\"t\" classname=\"c\" time=\"" + time + "\"/></testsuite>";
    TestReport report = JUnitXmlReader.read(xml.getBytes(StandardCharsets.UTF_8), Cancellation.none());
    assertEquals(seconds, report.suites().get(0).cases().get(0).durationSeconds(), 1e-9);
  }
}
