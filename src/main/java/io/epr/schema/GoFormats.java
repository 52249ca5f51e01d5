package io.epr.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.FormatKeyword;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judges {@code format} as Go EPR's gojsonschema v1.2.0 does (format_checkers.go), format by format, so that a payload
 * Go EPR accepts is accepted here: Maven-built SBOMs hold URLs with {@code ${scm.branch}} or a space, which Go's
 * {@code net/url} lets through and RFC 3986 does not. A format gojsonschema does not know passes; a number fails every
 * format it knows (its checkers take strings only); other types are not checked. Replaces networknt's format keyword
 * in every dialect, with assertions always on.
 */
final class GoFormats {
  private static final Pattern HOSTNAME = Pattern.compile(
      "([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*");
  private static final Pattern UUID = Pattern.compile("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
  private static final Pattern JSON_POINTER = Pattern.compile("(?:/(?:[^~/]|~0|~1)*)*");
  private static final Pattern RELATIVE_JSON_POINTER = Pattern.compile("(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)");

  /** gojsonschema's FormatCheckers: the formats it knows and what each accepts. */
  static final Map<String, Predicate<String>> CHECKERS = Map.ofEntries(
      Map.entry("date", GoTimes::isDate),
      Map.entry("time", s -> GoTimes.isTime(s, true) || GoTimes.isTime(s, false)),
      // DateTimeFormatChecker tries "15:04:05", "15:04:05Z07:00", "2006-01-02", RFC3339, RFC3339Nano
      Map.entry("date-time", s -> GoTimes.isTime(s, false) || GoTimes.isTime(s, true) || GoTimes.isDate(s)
          || GoTimes.isDateTime(s)),
      Map.entry("hostname", s -> HOSTNAME.matcher(s).matches() && s.length() < 256),
      Map.entry("email", GoMail::parses),
      Map.entry("idn-email", GoMail::parses),
      Map.entry("ipv4", s -> GoIps.parses(s) && s.contains(".")),
      Map.entry("ipv6", s -> GoIps.parses(s) && s.contains(":")),
      Map.entry("uri", GoFormats::isUri),
      Map.entry("iri", GoFormats::isUri),
      Map.entry("uri-reference", GoFormats::isUriReference),
      Map.entry("iri-reference", GoFormats::isUriReference),
      Map.entry("uri-template", GoFormats::isUriTemplate),
      Map.entry("uuid", s -> UUID.matcher(s).matches()),
      Map.entry("regex", GoFormats::isRegex),
      Map.entry("json-pointer", s -> JSON_POINTER.matcher(s).matches()),
      Map.entry("relative-json-pointer", s -> RELATIVE_JSON_POINTER.matcher(s).matches()));

  private GoFormats() {
  }

  static Dialect apply(Dialect dialect) {
    return Dialect.builder(dialect).formatKeywordFactory(formats -> new GoFormatKeyword()).build();
  }

  /** URIFormatChecker: url.Parse succeeds with a scheme, and no backslash. */
  private static boolean isUri(String s) {
    GoUrls.Url url = GoUrls.parse(s);
    return url != null && !url.scheme().isEmpty() && s.indexOf('\\') < 0;
  }

  /** URIReferenceFormatChecker: url.Parse succeeds, and no backslash. */
  private static boolean isUriReference(String s) {
    return GoUrls.parse(s) != null && s.indexOf('\\') < 0;
  }

  /** URITemplateFormatChecker: a URI reference whose unescaped path matches ^([^{]*({[^}]*})?)*$. */
  private static boolean isUriTemplate(String s) {
    GoUrls.Url url = GoUrls.parse(s);
    if (url == null || s.indexOf('\\') >= 0) {
      return false;
    }
    String path = url.path();
    for (int open = path.indexOf('{'); open >= 0; open = path.indexOf('{', path.indexOf('}', open + 1) + 1)) {
      if (path.indexOf('}', open + 1) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * RegexFormatChecker: empty, or the expression compiles. Judged with Java's syntax rather than RE2's, because the
   * same check guards the receiver schemas' own patterns, which run on Java's engine (bounded by BoundedRegexes).
   */
  private static boolean isRegex(String s) {
    try {
      return s.isEmpty() || Pattern.compile(s) != null;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** networknt lets a dialect replace its format keyword only with a FormatKeyword. */
  private static final class GoFormatKeyword extends FormatKeyword {
    GoFormatKeyword() {
      super(Map.of());
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode node, Schema parent, SchemaContext context) {
      return new Validator(this, node, location, parent, context);
    }
  }

  private static final class Validator extends BaseKeywordValidator {
    private final Predicate<String> checker;

    Validator(Keyword keyword, JsonNode node, SchemaLocation location, Schema parent, SchemaContext context) {
      super(keyword, node, location, parent, context);
      this.checker = node.isTextual() ? CHECKERS.get(node.textValue()) : null;
    }

    @Override
    public void validate(ExecutionContext context, JsonNode node, JsonNode root, NodePath instanceLocation) {
      if (checker == null || node.isTextual() && checker.test(node.textValue()) || !node.isTextual() && !node.isNumber()) {
        return;
      }
      context.addError(error().instanceNode(node).instanceLocation(instanceLocation)
          .evaluationPath(context.getEvaluationPath()).messageKey("format")
          .arguments(schemaNode.textValue(), "").build());
    }
  }
}
