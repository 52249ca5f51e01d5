package io.epr.schema;

import com.networknt.schema.SchemaException;

/**
 * A schema's regular expression that could not be matched against a payload within its time (see
 * {@link BoundedRegexes}): the payload was not validated. A SchemaException, so that networknt passes it on
 * without logging it as its own failure.
 */
public final class RegexTimeoutException extends SchemaException {
  private static final long serialVersionUID = 1L;

  RegexTimeoutException(String message) {
    super(message);
  }
}
