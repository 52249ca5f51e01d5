package io.epr.cdevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.epr.model.TestReport;
import io.epr.model.TestReport.Case;
import io.epr.model.TestReport.Outcome;
import io.epr.model.TestReport.Suite;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CDEvents of a JUnit report: per suite a {@code testsuiterun.finished}, per case a {@code testcaserun.finished}
 * (or {@code .skipped}), in the environment the tests ran in (the payload's {@code environment_id}, else the NVRPP's
 * platform), linked to the NVRPP's pipeline run and artifact so CDViz's artifact timeline shows them.
 */
final class TestResults implements Emission {
  static final String SUITE_FINISHED = "dev.cdevents.testsuiterun.finished.0.3.0";
  static final String CASE_FINISHED = "dev.cdevents.testcaserun.finished.0.3.0";
  static final String CASE_SKIPPED = "dev.cdevents.testcaserun.skipped.0.2.0";

  @Override
  public List<CdEvent> emit(EventFacts facts) {
    TestReport report = facts.testReport();
    if (report == null) {
      return List.of();
    }
    JsonNode environmentId = facts.payload().path("environment_id");
    String environment = environmentId.isTextual() && !environmentId.textValue().isBlank()
        ? environmentId.textValue() : facts.event().nvrpp().platformId();
    List<CdEvent> out = new ArrayList<>();
    for (int s = 0; s < report.suites().size(); s++) {
      Suite suite = report.suites().get(s);
      String suiteRun = CdeventIds.openedBy(facts.event().id() + ":" + s, "testsuiterun");
      String timestamp = EventTime.render(finishedAt(suite, facts.event().createdAt()));
      out.add(cdevent(facts, SUITE_FINISHED, "suite:" + s, suiteRun, timestamp, content -> {
        content.putObject("environment").put("id", environment);
        content.putObject("testSuite").put("id", named(suite.name())).put("name", named(suite.name()));
        content.put("outcome", suiteOutcome(suite));
        reason(suite).ifPresent(reason -> content.put("reason", reason));
      }));
      for (int c = 0; c < suite.cases().size(); c++) {
        Case test = suite.cases().get(c);
        boolean skipped = test.outcome() == Outcome.SKIPPED;
        String part = "case:" + s + ":" + c;
        String caseRun = CdeventIds.openedBy(facts.event().id() + ":" + part, "testcaserun");
        out.add(cdevent(facts, skipped ? CASE_SKIPPED : CASE_FINISHED, part, caseRun, timestamp, content -> {
          if (!skipped) {
            content.put("outcome", test.outcome().label());
          }
          if (test.message() != null && !test.message().isBlank()) {
            content.put("reason", test.message());
          }
          content.putObject("environment").put("id", environment);
          content.putObject("testSuiteRun").put("id", suiteRun);
          content.putObject("testCase").put("id", caseId(test)).put("name", named(test.name()));
        }));
      }
    }
    return out;
  }

  /** One CDEvent of the report, its {@code subject.content} filled by {@code content}. */
  private static CdEvent cdevent(EventFacts facts, String type, String part, String subjectId, String timestamp,
      Consumer<ObjectNode> content) {
    EventFacts these = facts.emitting(type);
    String id = CdeventIds.contextId(these.event().id(), type, part);
    ObjectNode cdevent = GeneratedEvent.context(these, id, type, timestamp);
    content.accept(cdevent.putObject("subject").put("id", subjectId).putObject("content"));
    these.runId().ifPresent(run -> cdevent.withObjectProperty("customData").withArrayProperty("links").addObject()
        .put("linkkind", "partOf").putObject("subject").put("type", "pipelineRun").put("id", run));
    these.artifactId().ifPresent(purl -> GeneratedEvent.linkArtifact(cdevent, "dependsOn", purl));
    return new CdEvent(id, type, subjectId, these.publicUrl(), timestamp, cdevent.toString());
  }

  /** A test's identity across builds: its class and name. */
  private static String caseId(Case test) {
    return test.classname() == null || test.classname().isBlank() ? named(test.name())
        : test.classname() + "." + named(test.name());
  }

  /**
   * When the suite finished: its start plus its time; never after the report was stored (a runner's local time
   * written without an offset is read as UTC and may seem ahead).
   */
  private static OffsetDateTime finishedAt(Suite suite, OffsetDateTime stored) {
    if (suite.timestamp() == null) {
      return stored;
    }
    Duration took = Duration.ofNanos((long) (suite.seconds() * 1e9));
    OffsetDateTime finished = suite.timestamp().plus(took);
    return finished.isAfter(stored) ? stored : finished;
  }

  /** The schema's outcomes: a suite whose cases were all skipped did not run, which it calls cancel. */
  private static String suiteOutcome(Suite suite) {
    return suite.outcome() == Outcome.SKIPPED ? "cancel" : suite.outcome().label();
  }

  private static Optional<String> reason(Suite suite) {
    int failed = suite.count(Outcome.FAILURE);
    int erred = suite.count(Outcome.ERROR);
    int skipped = suite.count(Outcome.SKIPPED);
    if (failed + erred + skipped == 0) {
      return Optional.empty();
    }
    return Optional.of(failed + " failed, " + erred + " errors, " + skipped + " skipped of "
        + suite.cases().size() + " cases");
  }

  private static String named(String name) {
    return name == null || name.isBlank() ? "(unnamed)" : name;
  }
}
