package io.epr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A JSON factory whose every parser counts the members of each object and array ({@link MemberCountingParser}):
 * Jackson's constraints bound nesting, lengths and tokens, not how wide one container is.
 */
final class BoundedJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  BoundedJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  private BoundedJsonFactory(BoundedJsonFactory source, ObjectCodec codec) {
    super(source, codec);
  }

  @Override
  public JsonFactory copy() {
    return new BoundedJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    return new MemberCountingParser(super._createParser(in, ctxt));
  }

  @Override
  protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
    return new MemberCountingParser(super._createParser(r, ctxt));
  }

  @Override
  protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
      throws IOException {
    return new MemberCountingParser(super._createParser(data, offset, len, ctxt, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
    return new MemberCountingParser(super._createParser(data, offset, len, ctxt));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
    return new MemberCountingParser(super._createParser(input, ctxt));
  }

  @Override
  public JsonParser createNonBlockingByteArrayParser() throws IOException {
    return new MemberCountingParser(super.createNonBlockingByteArrayParser());
  }

  @Override
  public JsonParser createNonBlockingByteBufferParser() throws IOException {
    return new MemberCountingParser(super.createNonBlockingByteBufferParser());
  }
}
