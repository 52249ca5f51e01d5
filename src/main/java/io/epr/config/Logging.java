package io.epr.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** EPR_DEBUG raises the level of the service's own loggers; EPR_JSON_LOGGING writes one JSON object per line. */
public final class Logging {
  private Logging() {}

  public static void configure(boolean json, boolean debug) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (debug) {
      context.getLogger("io.epr").setLevel(Level.DEBUG);
    }
    if (!json) {
      return;
    }
    LogbackDefaults.logToStderr(context,
        "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}\",\"level\":\"%level\",\"logger\":\"%logger\","
        + "\"message\":\"%replace(%replace(%msg){'\\\\','\\\\\\\\'}){'\"','\\\\\"'}\"}%n%nopex");
  }
}
