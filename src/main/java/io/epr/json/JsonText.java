package io.epr.json;

/** Operations on JSON text that avoid a parse: PostgreSQL renders jsonb with spaces, EPR answers compact JSON. */
public final class JsonText {
  private JsonText() {}

  /** Removes insignificant whitespace from valid JSON text. */
  public static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
