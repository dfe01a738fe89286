package dev.mlops.maturity.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The process's log output on stderr (stdout stays for command output): the format from --log-format, else
 * LOG_FORMAT, else text; the level from -Dlog.level, else LOG_LEVEL, else info. The slf4j-simple properties
 * used before (-Dorg.slf4j.simpleLogger.defaultLogLevel, ...log.NAME) still set levels, so old JAVA_TOOL_OPTIONS keep working.
 */
public final class LogOutput extends ContextAwareBase implements Configurator {
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSZ} [%thread] %level %logger{0} - %msg%n";
  private static final String LEGACY_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String LEGACY_LOGGER = "org.slf4j.simpleLogger.log.";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    String format = System.getenv("LOG_FORMAT");
    apply(context, LogFormat.parse(format).orElse(LogFormat.TEXT));
    if (format != null && !format.isBlank() && LogFormat.parse(format).isEmpty()) {
      context.getLogger(LogOutput.class).warn("LOG_FORMAT '{}' is neither text nor json: logging as text", format);
    }
    String level = setting("log.level", "LOG_LEVEL", "info");
    if (Level.toLevel(level, null) == null) {
      context.getLogger(LogOutput.class).warn("log level '{}' is none of trace, debug, info, warn, error: logging at info", level);
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Switches the running process to {@code format} (the --log-format option); no-op under another SLF4J binding. */
  public static void use(LogFormat format) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      apply(context, format);
    }
  }

  static void apply(LoggerContext context, LogFormat format) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr-" + format.name().toLowerCase(java.util.Locale.ROOT));
    console.setTarget("System.err");
    console.setEncoder(encoder(context, format));
    console.start();
    root.addAppender(console);
    root.setLevel(Level.toLevel(setting("log.level", "LOG_LEVEL", System.getProperty(LEGACY_LEVEL, "info")), Level.INFO));
    // reading third-party v1alpha1 CRDs is by design, not a warning
    context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").setLevel(Level.ERROR);
    for (Map.Entry<Object, Object> p : System.getProperties().entrySet()) {
      String key = String.valueOf(p.getKey());
      if (key.startsWith(LEGACY_LOGGER)) {
        context.getLogger(key.substring(LEGACY_LOGGER.length())).setLevel(Level.toLevel(String.valueOf(p.getValue()), null));
      }
    }
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonLogEncoder json = new JsonLogEncoder();
      json.setContext(context);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  private static String setting(String property, String env, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
