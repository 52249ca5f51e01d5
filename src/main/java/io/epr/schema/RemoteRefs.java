package io.epr.schema;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which remote {@code $ref}s of receiver schemas the service fetches (EPR_SCHEMA_REFS). Whoever may create a receiver
 * could otherwise make the service request any address it can reach, such as a cloud metadata endpoint or an admin
 * port on the internal network; the bundled CycloneDX and CDEvents schemas are never fetched.
 */
public enum RemoteRefs {
  /** http(s) to hosts whose every address is public. */
  PUBLIC,
  /** http(s) to any host, internal ones too (a trusted network, or tests against local servers). */
  ANY,
  /** none: a schema's remote {@code $ref} is refused. */
  OFF;

  public static RemoteRefs parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EPR_SCHEMA_REFS must be public, any or off, got '" + value + "'", e);
    }
  }

  /** Throws, naming the setting that would allow it, when {@code uri} may not be fetched. */
  void check(URI uri) throws IOException {
    switch (this) {
      case ANY -> { }
      case OFF -> throw new IOException("remote $refs are off (EPR_SCHEMA_REFS=off): " + uri);
      case PUBLIC -> {
        String host = uri.getHost();
        if (host == null) {
          throw new IOException("no host in " + uri);
        }
        InetAddress[] addresses;
        try {
          addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
          throw new IOException("unknown host " + host + " in " + uri, e);
        }
        for (InetAddress a : addresses) {
          if (!isPublic(a)) {
            throw new IOException("refused to fetch " + uri + ": " + host + " is an internal address ("
                + a.getHostAddress() + "); EPR_SCHEMA_REFS=any allows it");
          }
        }
      }
    }
  }

  static boolean isPublic(InetAddress a) {
    byte[] b = a.getAddress();
    boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
    boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier NAT
    return !(a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress() || uniqueLocalV6 || sharedV4);
  }
}
