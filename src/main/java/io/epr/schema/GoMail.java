package io.epr.schema;

/**
 * Go's {@code net/mail.ParseAddress} (Go 1.21) as a yes/no: one address, either an addr-spec
 * ({@code local@domain}, local a dot-atom or quoted string, domain a dot-atom) with an optional trailing (comment),
 * or {@code [display name] <addr-spec>}, or a group {@code name: address;} of exactly one address. Like Go, a
 * "domain" need not hold a dot and may hold any visible or non-ASCII character but specials. RFC 2047 encoded words in
 * display names are taken as plain words (Go refuses those in an unknown charset).
 */
final class GoMail {
  private String s;

  private GoMail(String s) {
    this.s = s;
  }

  static boolean parses(String address) {
    GoMail p = new GoMail(address);
    Integer count = p.address(true);
    return count != null && p.skipCfws() && p.s.isEmpty() && count == 1;
  }

  /** parseAddress: the number of addresses read, or null on an error. */
  private Integer address(boolean handleGroup) {
    skipSpace();
    if (s.isEmpty()) {
      return null;
    }
    if (addrSpec()) {
      skipSpace();
      return s.startsWith("(") && !displayNameComment() ? null : 1;
    }
    if (!s.startsWith("<") && !phrase()) {
      return null;
    }
    skipSpace();
    if (handleGroup && consume(':')) {
      return groupList();
    }
    return consume('<') && addrSpec() && consume('>') ? 1 : null;
  }

  /** consumeAddrSpec; leaves the input as it was when it fails. */
  private boolean addrSpec() {
    String orig = s;
    skipSpace();
    boolean ok = !s.isEmpty() && (s.startsWith("\"") ? quotedString(true) : atom(true, false)) && consume('@');
    if (ok) {
      skipSpace();
      ok = !s.isEmpty() && atom(true, false);
    }
    if (!ok) {
      s = orig;
    }
    return ok;
  }

  /** consumePhrase: one word at least (atoms with dots allowed, quoted strings), CFWS between them. */
  private boolean phrase() {
    int words = 0;
    while (true) {
      if (words > 0 && !skipCfws()) {
        return false;
      }
      skipSpace();
      if (s.isEmpty()) {
        return true;
      }
      if (!(s.startsWith("\"") ? quotedString(false) : atom(true, true))) {
        return words > 0;
      }
      words++;
    }
  }

  private Integer groupList() {
    skipSpace();
    if (consume(';')) {
      return skipCfws() ? 0 : null;
    }
    int count = 0;
    while (true) {
      skipSpace();
      Integer read = address(false);
      if (read == null || !skipCfws()) {
        return null;
      }
      count += read;
      if (consume(';')) {
        return skipCfws() ? count : null;
      }
      if (!consume(',')) {
        return null;
      }
    }
  }

  /** consumeAtom: atext (and dots); unless permissive, no leading, trailing or double dot. */
  private boolean atom(boolean dot, boolean permissive) {
    int i = 0;
    while (i < s.length() && isAtext(s.codePointAt(i), dot)) {
      i += Character.charCount(s.codePointAt(i));
    }
    String atom = s.substring(0, i);
    if (i == 0 || !permissive && (atom.startsWith(".") || atom.endsWith(".") || atom.contains(".."))) {
      return false;
    }
    s = s.substring(i);
    return true;
  }

  /** consumeQuotedString: qtext, spaces and tabs, quoted pairs; empty refused in an addr-spec. */
  private boolean quotedString(boolean inAddrSpec) {
    int i = 1;
    int length = 0;
    boolean escaped = false;
    while (true) {
      if (i >= s.length()) {
        return false;
      }
      int c = s.codePointAt(i);
      if (escaped) {
        if (!isVchar(c) && !isWsp(c)) {
          return false;
        }
        length++;
        escaped = false;
      } else if (isQtext(c) || isWsp(c)) {
        length++;
      } else if (c == '"') {
        break;
      } else if (c == '\\') {
        escaped = true;
      } else {
        return false;
      }
      i += Character.charCount(c);
    }
    s = s.substring(i + 1);
    return !inAddrSpec || length > 0;
  }

  private boolean displayNameComment() {
    return consume('(') && comment();
  }

  /** consumeComment after its '(': nested parentheses, backslash escapes. */
  private boolean comment() {
    int depth = 1;
    while (!s.isEmpty() && depth > 0) {
      if (s.charAt(0) == '\\' && s.length() > 1) {
        s = s.substring(1);
      } else if (s.charAt(0) == '(') {
        depth++;
      } else if (s.charAt(0) == ')') {
        depth--;
      }
      s = s.substring(1);
    }
    return depth == 0;
  }

  private boolean skipCfws() {
    skipSpace();
    while (consume('(')) {
      if (!comment()) {
        return false;
      }
      skipSpace();
    }
    return true;
  }

  private void skipSpace() {
    int i = 0;
    while (i < s.length() && isWsp(s.charAt(i))) {
      i++;
    }
    s = s.substring(i);
  }

  private boolean consume(char c) {
    if (s.isEmpty() || s.charAt(0) != c) {
      return false;
    }
    s = s.substring(1);
    return true;
  }

  private static boolean isAtext(int c, boolean dot) {
    return c == '.' ? dot : "()<>[]:;@\\,\"".indexOf(c) < 0 && isVchar(c);
  }

  private static boolean isVchar(int c) {
    return c >= '!' && c <= '~' || c >= 0x80;
  }

  private static boolean isQtext(int c) {
    return c != '\\' && c != '"' && isVchar(c);
  }

  private static boolean isWsp(int c) {
    return c == ' ' || c == '\t';
  }
}
