package io.epr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** What the commands print: JSON results on stdout (indented like Go's json.MarshalIndent), errors on stderr. */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultPrettyPrinter INDENTED = new DefaultPrettyPrinter(Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
      .withObjectEmptySeparator("")
      .withArrayEmptySeparator(""))
      .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean indent;

  Output(PrintWriter out, PrintWriter err, boolean indent) {
    this.out = out;
    this.err = err;
    this.indent = indent;
  }

  void json(JsonNode value) {
    try {
      out.println(indent ? JSON.writer(INDENTED).writeValueAsString(value) : JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  void error(String message) {
    err.println("epr: " + message);
    err.flush();
  }
}
