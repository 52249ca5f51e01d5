package io.epr.cdevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.epr.json.EprJson;
import io.epr.model.Event;
import io.epr.model.EventReceiver;
import io.epr.model.TestReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Translates stored EPR events into CDEvents (spec v0.5.1) by rules: the defaults, replaced or extended by a file. */
public final class CdeventTranslator {
  private static final String DEFAULT_RULES = "cdevents/default-rules.json";

  private final List<Rule> rules;
  private final String publicUrl;

  private CdeventTranslator(List<Rule> rules, String publicUrl) {
    this.rules = rules;
    this.publicUrl = publicUrl;
  }

  /**
   * The default rules (resource cdevents/default-rules.json), replaced or extended by the file at {@code rulesFile}
   * when not null ({@code "mode": "replace" | "extend"}; extend puts the file's rules before the defaults).
   *
   * @param publicUrl EPR's public base URL: the CDEvents' source and the base of the event links
   * @throws IllegalArgumentException naming the file, the rule and what is wrong for a bad file, or for a public URL
   *     that is not an absolute URI
   */
  public static CdeventTranslator load(Path rulesFile, String publicUrl) {
    if (publicUrl == null || !ValueConstraint.ABSOLUTE_URI.accepts(publicUrl)) {
      throw new IllegalArgumentException("the public URL must be an absolute URI, not " + publicUrl);
    }
    List<Rule> rules = RulesFile.parse(defaultRules(), "classpath:" + DEFAULT_RULES).rules();
    if (rulesFile != null) {
      RulesFile custom = RulesFile.parse(read(rulesFile), rulesFile.toString());
      rules = custom.mode() == RulesFile.Mode.REPLACE ? custom.rules()
          : Stream.concat(custom.rules().stream(), rules.stream()).toList();
    }
    return new CdeventTranslator(rules, publicUrl.replaceAll("/+$", ""));
  }

  /**
   * The CDEvents for one stored EPR event: those of the first rule that matches, none when no rule does.
   *
   * @param history what the CDEvents already emitted for the event's NVRPP established
   * @param testReport the JUnit report the event records, null when none
   */
  public List<CdEvent> translate(Event event, EventReceiver receiver, NvrppHistory history, TestReport testReport) {
    JsonNode payload = payload(event);
    return matching(receiver, payload)
        .map(rule -> rule.emission().emit(new EventFacts(event, receiver, payload, publicUrl, history, testReport, null)))
        .orElse(List.of());
  }

  /**
   * Why an event about to be stored must be refused for what its CDEvents would say (a time far in the future, a
   * pass-through payload that is not a valid CDEvent), one line per problem; empty when there is none.
   */
  public List<String> problems(Event draft, EventReceiver receiver, JsonNode payload, Instant now) {
    return matching(receiver, payload)
        .map(rule -> rule.emission().problems(
            new EventFacts(draft, receiver, payload, publicUrl, NvrppHistory.empty(), null, null), now))
        .orElse(List.of());
  }

  private Optional<Rule> matching(EventReceiver receiver, JsonNode payload) {
    return rules.stream().filter(rule -> rule.match().matches(receiver.type(), payload)).findFirst();
  }

  private static JsonNode payload(Event event) {
    try {
      return EprJson.MAPPER.readTree(event.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + event.id() + " has a payload that is not JSON", e);
    }
  }

  private static String defaultRules() {
    try (InputStream in = CdeventTranslator.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RULES + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path rulesFile) {
    try {
      return Files.readString(rulesFile);
    } catch (IOException e) {
      throw RulesFile.problem(rulesFile.toString(), "cannot be read (" + e + ")");
    }
  }
}
