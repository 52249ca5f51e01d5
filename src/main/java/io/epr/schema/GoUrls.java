package io.epr.schema;

/**
 * Go's {@code net/url.Parse} (Go 1.21, which Go EPR is built with), reduced to what gojsonschema's URI formats ask of
 * it: whether it fails, the scheme and the unescaped path. Go is lenient where RFC 3986 is not (a space or
 * {@code ${scm.branch}} in a path passes, an opaque {@code scheme:rest} is not checked at all), and Maven-built SBOMs
 * rely on that.
 */
final class GoUrls {
  /** A URL that parsed: its scheme in lower case ("" for a reference) and its path with %XX escapes decoded. */
  record Url(String scheme, String path) {
  }

  private GoUrls() {
  }

  /** {@code url.Parse(raw)}, or null where it returns an error. */
  static Url parse(String raw) {
    int hash = raw.indexOf('#');
    String u = hash < 0 ? raw : raw.substring(0, hash);
    Url url = parseWithoutFragment(u);
    // setFragment: only the %XX escapes are checked (control characters are allowed here, as in Go)
    return url == null || hash >= 0 && !validEscapes(raw.substring(hash + 1)) ? null : url;
  }

  private static Url parseWithoutFragment(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) < ' ' || raw.charAt(i) == 0x7f) {
        return null; // "net/url: invalid control character in URL"
      }
    }
    if (raw.equals("*")) {
      return new Url("", "*");
    }
    int schemeEnd = schemeEnd(raw);
    if (schemeEnd == 0) {
      return null; // "missing protocol scheme"
    }
    String scheme = schemeEnd < 0 ? "" : raw.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
    String rest = schemeEnd < 0 ? raw : raw.substring(schemeEnd + 1);
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new Url(scheme, ""); // rootless: opaque, not checked further
      }
      int slash = rest.indexOf('/');
      if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
        return null; // "first path segment in URL cannot contain colon"
      }
    }
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      rest = slash < 0 ? "" : authority.substring(slash);
      if (!validAuthority(slash < 0 ? authority : authority.substring(0, slash))) {
        return null;
      }
    }
    return validEscapes(rest) ? new Url(scheme, unescapeBraces(rest)) : null;
  }

  /** getScheme: the index of the scheme's colon, 0 for a leading colon (an error), -1 when there is no scheme. */
  private static int schemeEnd(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        continue;
      }
      if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return -1;
        }
        continue;
      }
      return c == ':' ? i : -1;
    }
    return -1;
  }

  /** parseAuthority: the host after the last '@' (parseHost), then the userinfo's characters and escapes. */
  private static boolean validAuthority(String authority) {
    int at = authority.lastIndexOf('@');
    if (!validHost(authority.substring(at + 1))) {
      return false;
    }
    if (at < 0) {
      return true;
    }
    String userinfo = authority.substring(0, at);
    for (int i = 0; i < userinfo.length(); i++) {
      char c = userinfo.charAt(i);
      if (!(isAlnum(c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0)) {
        return false; // "net/url: invalid userinfo"
      }
    }
    return validEscapes(userinfo);
  }

  private static boolean validHost(String host) {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0 || !validOptionalPort(host.substring(close + 1))) {
        return false; // "missing ']' in host", "invalid port"
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return validHostEscapes(host.substring(0, zone), false) && validHostEscapes(host.substring(zone, close), true)
            && validHostEscapes(host.substring(close), false);
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0 && !validOptionalPort(host.substring(colon))) {
        return false; // "invalid port ... after host"
      }
    }
    return validHostEscapes(host, false);
  }

  private static boolean validOptionalPort(String port) {
    return port.isEmpty() || port.matches(":[0-9]*");
  }

  /** unescape in encodeHost/encodeZone mode: ASCII only from the host's set, %XX only for non-ASCII (and %25). */
  private static boolean validHostEscapes(String s, boolean zone) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !GoIps.isHex(s.charAt(i + 1)) || !GoIps.isHex(s.charAt(i + 2))) {
          return false;
        }
        int v = Integer.parseInt(s.substring(i + 1, i + 3), 16);
        boolean percent = s.startsWith("%25", i);
        if (!zone && v < 0x80 && !percent || zone && !percent && v != ' ' && escapedInHost(v)) {
          return false;
        }
        i += 2;
      } else if (c < 0x80 && escapedInHost(c)) {
        return false; // InvalidHostError
      }
    }
    return true;
  }

  /** shouldEscape(c, encodeHost). */
  private static boolean escapedInHost(int c) {
    return !(isAlnum(c) || "!$&'()*+,;=:[]<>\"-_.~".indexOf(c) >= 0);
  }

  /** unescape in the other modes: every % starts two hex digits. */
  private static boolean validEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%') {
        if (i + 2 >= s.length() || !GoIps.isHex(s.charAt(i + 1)) || !GoIps.isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  /** The path as Go's Path field holds it, as far as braces go: %7B and %7D decoded (other escapes stay). */
  private static String unescapeBraces(String path) {
    return path.replaceAll("(?i)%7b", "{").replaceAll("(?i)%7d", "}");
  }

  private static boolean isAlnum(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }
}
