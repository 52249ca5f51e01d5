package io.epr.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
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
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}\",\"level\":\"%level\",\"logger\":\"%logger\","
        + "\"message\":\"%replace(%replace(%msg){'\\\\','\\\\\\\\'}){'\"','\\\\\"'}\"}%n%nopex");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }
}
