package io.epr.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Refuses an object or array of more than {@link JsonLimits#MAX_MEMBERS} members as it reads the one too many,
 * before anything is built of it: a million keys cost seconds and hundreds of MB wherever they are converted.
 */
final class MemberCountingParser extends JsonParserDelegate {
  MemberCountingParser(JsonParser parser) {
    super(parser);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token != null && !token.isStructEnd()) {
      JsonStreamContext context = delegate.getParsingContext();
      // a new object or array is a member of the one around it, whose count it just raised
      JsonStreamContext container = token.isStructStart() ? context.getParent() : context;
      if (container != null && !container.inRoot() && container.getEntryCount() > JsonLimits.MAX_MEMBERS) {
        throw tooMany(container);
      }
    }
    return token;
  }

  /** As JsonParser's own, through {@link #nextToken} (the delegate's would not count). */
  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  private StreamConstraintsException tooMany(JsonStreamContext container) {
    String where = container.getParent() == null || container.getParent().inRoot() ? "(root)"
        : JsonLimits.shortened(container.getParent().pathAsPointer().toString());
    return new StreamConstraintsException((container.inObject() ? "an object" : "an array") + " with more than "
        + JsonLimits.MAX_MEMBERS + " members at " + where + ": at most " + JsonLimits.MAX_MEMBERS
        + " members are allowed in one object or array", delegate.currentLocation());
  }
}
