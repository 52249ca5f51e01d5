package io.epr.schema;

/**
 * Go's {@code net.ParseIP} (Go 1.21: {@code netip.ParseAddr} without a zone): dotted IPv4 without leading zeros, IPv6
 * with one "::" at most and an optional dotted IPv4 tail.
 */
final class GoIps {
  private GoIps() {
  }

  static boolean parses(String s) {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '.':
          return isIpv4(s);
        case ':':
          return isIpv6(s);
        case '%':
          return false; // "missing IPv6 address"
        default:
          break;
      }
    }
    return false;
  }

  /** netip's parseIPv4: four fields of 1-3 digits, at most 255, no leading zero. */
  private static boolean isIpv4(String s) {
    int fields = 1;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          return false;
        }
        value = value * 10 + c - '0';
        digits++;
        if (value > 255) {
          return false;
        }
      } else if (c == '.') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.' || fields == 4) {
          return false;
        }
        fields++;
        value = 0;
        digits = 0;
      } else {
        return false;
      }
    }
    return fields == 4;
  }

  /** netip's parseIPv6, refusing a zone as ParseIP does. */
  private static boolean isIpv6(String s) {
    if (s.indexOf('%') >= 0) {
      return false;
    }
    int groups = 0;
    boolean ellipsis = false;
    int i = 0;
    if (s.startsWith("::")) {
      ellipsis = true;
      i = 2;
      if (i == s.length()) {
        return true;
      }
    }
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && i - start < 5 && isHex(s.charAt(i))) {
        i++;
      }
      if (i == start || i - start > 4) {
        return false;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        // an IPv4 tail takes the last two groups
        if (!ellipsis && groups != 6 || groups > 6 || !isIpv4(s.substring(start))) {
          return false;
        }
        groups += 2;
        i = s.length();
        break;
      }
      groups++;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == s.length() || groups == 8) {
        return false;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis) {
          return false;
        }
        ellipsis = true;
        i++;
        if (i == s.length()) {
          break;
        }
      }
    }
    return ellipsis ? groups < 8 : groups == 8;
  }

  static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
