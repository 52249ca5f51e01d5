package io.epr.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Format assertions judge as Go EPR's gojsonschema v1.2.0 does. Each row's verdict is what its checker in
 * format_checkers.go returns (with Go 1.21's net/url, time, net and net/mail, which Go EPR is built with), and the
 * comment gives the rule that decides it. Rows go through a compiled receiver schema, as payloads do.
 */
class GoFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReceiverSchemas SCHEMAS = new ReceiverSchemas(Duration.ofSeconds(1), RemoteRefs.OFF);

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      # uri / iri: url.Parse succeeds, the scheme is not empty, no backslash
      uri | https://github.com/keycloak/keycloak/tree/${scm.branch} | true   | a path is only checked for bad % escapes
      uri | https://example.com/a b                  | true   | a space in a path is not an error to net/url
      uri | mailto:someone@example.com               | true   | rootless after the scheme: opaque, never checked
      uri | urn:x:%zz                                | true   | opaque: not even its escapes are checked
      uri | //example.com/a                          | false  | no scheme
      uri | https://example.com/%zz                  | false  | invalid URL escape in the path
      uri | https://exa mple.com/                    | false  | a space is not a host character
      uri | https://example.com:80a/                 | false  | invalid port after host
      uri | https://[::1/                             | false  | missing ']' in host
      uri | https://example.com/a\\b                 | false  | a backslash anywhere
      uri | https://example.com/#frag%zz             | false  | bad % escape in the fragment
      iri | https://例え.jp/パス                        | true   | non-ASCII in host and path
      iri | :no-scheme                               | false  | missing protocol scheme
      # uri-reference / iri-reference: url.Parse succeeds, no backslash
      uri-reference | https://github.com/x/${scm.branch} | true | ''
      uri-reference | ../a b/c                          | true   | relative, a space in the path
      uri-reference | ''                                | true   | the empty reference
      iri-reference | a:b/c d                           | true   | "a" is a scheme: opaque
      iri-reference | 1a:b                              | false  | no scheme (digit first), so a colon in the first segment
      iri-reference | https://user name@example.com/    | false  | invalid userinfo
      iri-reference | https://u%41@example.com/         | true   | escapes allowed in userinfo
      iri-reference | https://%41.com/                  | false  | ASCII may not be %-escaped in a host
      iri-reference | x?%zz                             | true   | the query is never checked
      # uri-template: a URI reference whose unescaped path has balanced {...}
      uri-template | https://example.com/{id}/x         | true | ''
      uri-template | https://example.com/{id}/x{?q}     | false | the query is cut off at ?, leaving { open in the path
      uri-template | https://example.com/{id            | false | ''
      uri-template | https://example.com/%7Bid          | false  | the path is checked unescaped
      uri-template | https://example.com/x?{open        | true   | only the path is checked
      # date-time: time.Parse with 15:04:05, 15:04:05Z07:00, 2006-01-02, RFC3339, RFC3339Nano
      date-time | 2024-02-29T23:59:59Z                 | true | ''
      date-time | 2024-02-29T23:59:59.123456789123+02:00 | true  | any number of fraction digits
      date-time | 2024-01-01T00:00:00,5Z               | true   | a fraction after a comma
      date-time | 2024-01-01T1:02:03Z                  | true   | stdHour takes one digit
      date-time | 2024-01-01T00:00:00+24:00            | true   | offsets up to 24 hours
      date-time | 2024-01-01                           | true   | a date alone
      date-time | 12:00:00                             | true   | a time alone
      date-time | 2023-02-29T00:00:00Z                 | false  | day out of range
      date-time | 2024-01-01T00:00:60Z                 | false  | no leap second
      date-time | 2024-01-01t00:00:00z                 | false  | T and Z are upper case
      date-time | 2024-01-01 00:00:00Z                 | false | ''
      date-time | 2024-01-01T24:00:00Z                 | false | ''
      date-time | 2024-01-01T00:00:00+0200             | false | ''
      # date: 2006-01-02
      date | 2024-12-31                                | true | ''
      date | 2024-1-31                                 | false  | two-digit month
      date | 2024-12-31T00:00:00Z                      | false  | extra text
      # time: 15:04:05Z07:00 or 15:04:05
      time | 08:30:00                                  | true | ''
      time | 8:30:00-05:00                             | true | ''
      time | 08:30                                     | false | ''
      # email / idn-email: net/mail.ParseAddress
      email | alice@example.com                        | true | ''
      email | Alice Doe <alice@example.com>            | true   | a display name and angle-addr
      email | alice@localhost                          | true   | a domain without a dot
      email | "a b"@example.com                        | true   | a quoted local part
      email | alice@example.com (work)                 | true   | a trailing comment
      email | team: alice@example.com;                 | true   | a group of one
      email | alice.example.com                        | false  | missing @
      email | alice@@example.com                       | false | ''
      email | alice@example..com                       | false  | double dot in atom
      email | a@b.c, d@e.f                             | false  | more than one address
      idn-email | 用户@例子.广告                            | true | ''
      # hostname: the socketloop regex, under 256 characters
      hostname | build-01.example.com                   | true | ''
      hostname | -build.example.com                     | false | ''
      hostname | build_01.example.com                   | false | ''
      hostname | example.com.                           | false | ''
      # ipv4 / ipv6: net.ParseIP, and a '.' (ipv4) or ':' (ipv6) in the text
      ipv4 | 192.168.0.1                               | true | ''
      ipv4 | ::ffff:192.168.0.1                        | true   | an IPv6 address with a dot passes as ipv4
      ipv4 | 192.168.00.1                              | false  | leading zero
      ipv4 | 256.1.1.1                                 | false | ''
      ipv6 | 2001:db8::1                               | true | ''
      ipv6 | ::                                        | true | ''
      ipv6 | 1:2:3:4:5:6:1.2.3.4                       | true | ''
      ipv6 | 1::2::3                                   | false | ''
      ipv6 | fe80::1%eth0                              | false  | ParseIP refuses a zone
      ipv6 | 12345::1                                  | false | ''
      # uuid: lower-case hex only
      uuid | 123e4567-e89b-12d3-a456-426614174000      | true | ''
      uuid | 123E4567-E89B-12D3-A456-426614174000      | false | ''
      # regex: empty or compiles (Java's syntax: receiver schemas' patterns run on Java's engine)
      regex | ^[a-z]+(?<n>\\d)$                      | true | ''
      regex | ''                                       | true | empty passes
      regex | [a-                                      | false | ''
      # json-pointer / relative-json-pointer: the RFC 6901 regexes
      json-pointer | /a~1b/0                           | true | ''
      json-pointer | a/b                               | false | ''
      json-pointer | /a~2                              | false | ''
      relative-json-pointer | 0#                       | true | ''
      relative-json-pointer | 1/a                      | true | ''
      relative-json-pointer | 01/a                     | false | ''
      # a format gojsonschema does not know always passes
      idn-hostname | not a hostname!                   | true | ''
      duration | not a duration                      | true | ''
      x-made-up | anything                           | true | ''
      """)
  void judgesAsGojsonschema(String format, String text, boolean accepted, String rule) throws Exception {
    List<String> errors = schema(format).validate(JsonNodeFactory.instance.textNode(text));
    assertEquals(accepted ? List.of() : List.of("(root): Does not match format '" + format + "'"), errors,
        text + " (" + rule + ")");
  }

  /** validateNumber calls the checker with a float64, which every known checker refuses; other types are skipped. */
  @ParameterizedTest
  @ValueSource(strings = {"date-time", "uri", "email", "ipv4"})
  void aNumberFailsAKnownFormatAndOtherTypesPass(String format) throws Exception {
    CompiledSchema schema = schema(format);
    assertEquals(List.of("(root): Does not match format '" + format + "'"), schema.validate(JSON.readTree("42")));
    for (String other : List.of("true", "null", "{}", "[]")) {
      assertEquals(List.of(), schema.validate(JSON.readTree(other)), other);
    }
    assertEquals(List.of(), schema("x-made-up").validate(JSON.readTree("42")));
  }

  private static CompiledSchema schema(String format) throws Exception {
    JsonNode schema = JSON.createObjectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("format", format);
    return SCHEMAS.compile(schema);
  }
}
