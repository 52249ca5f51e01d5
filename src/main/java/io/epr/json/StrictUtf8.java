package io.epr.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as RFC 3629 defines it. Jackson's byte parser is lenient: it decodes overlong forms (C0 AF as '/') and
 * encoded surrogates (ED A0 80), so a body could be stored as other text than it says. Client bodies are checked
 * with the JDK's strict decoder before they are parsed.
 */
public final class StrictUtf8 {
  private static final int CHUNK = 8192;

  private StrictUtf8() {}

  /** Where {@code bytes} stop being UTF-8, said in a sentence; null when they are UTF-8 throughout. */
  public static String problem(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(CHUNK);
    while (true) {
      CoderResult result = decoder.decode(in, out, true); // at the end of input, underflow means all was read
      if (result.isError()) {
        return String.format("the body is not UTF-8: byte %d (0x%02X) starts an invalid sequence", in.position(),
            bytes[in.position()] & 0xff);
      }
      if (result.isUnderflow()) {
        return null;
      }
      out.clear();
    }
  }
}
