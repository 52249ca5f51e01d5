package io.epr.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The service's logging, set up in code (found by logback through META-INF/services): reading a logback.xml took a
 * tenth of the start-up. A logback-test.xml on the class path (the tests') or -Dlogback.configurationFile wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogbackDefaults extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
  private static final Map<String, Level> QUIETER = Map.of(
      "kafka", Level.WARN,
      "org.apache.kafka", Level.WARN,
      // a broker that is down would be reported on every reconnect; the outbox dispatcher reports it once
      "org.apache.kafka.clients.NetworkClient", Level.ERROR,
      "state.change.logger", Level.WARN,
      "org.flywaydb", Level.WARN,
      "io.zonky", Level.WARN,
      // failed $ref loads are reported to the client; networknt would log each with a stack trace
      "com.networknt", Level.OFF);

  /** Every log line to stderr in {@code pattern}, in place of whatever appenders the root logger had. */
  static void logToStderr(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogbackDefaults.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    logToStderr(context, PATTERN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
