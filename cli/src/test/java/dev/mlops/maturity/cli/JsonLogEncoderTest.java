package dev.mlops.maturity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** LOG_FORMAT=json: every event is one line holding one JSON object with the fields log collectors index. */
class JsonLogEncoderTest {
  private final LoggerContext context = new LoggerContext();

  private JsonNode encode(LoggingEvent event) throws Exception {
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(context);
    encoder.start();
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n");
    assertThat(line.strip()).as("one line, whatever the message holds").doesNotContain("\n");
    return new ObjectMapper().readTree(line);
  }

  @Test
  void anEventWithAnExceptionCarriesEveryField() throws Exception {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("dev.mlops.maturity.reconciler.OperatorApp"), Level.WARN,
        "reconcile of {} failed:\n \"quoted\"", new IllegalStateException("watch closed"), new Object[] {"fraud/fraud-detector"});

    JsonNode json = encode(event);

    assertThat(Instant.parse(json.path("timestamp").asText())).isEqualTo(event.getInstant());
    assertThat(json.path("timestamp").asText()).endsWith("Z");
    assertThat(json.path("level").asText()).isEqualTo("WARN");
    assertThat(json.path("logger").asText()).isEqualTo("dev.mlops.maturity.reconciler.OperatorApp");
    assertThat(json.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(json.path("message").asText()).isEqualTo("reconcile of fraud/fraud-detector failed:\n \"quoted\"");
    assertThat(json.path("exception").asText()).startsWith("java.lang.IllegalStateException: watch closed")
        .contains("at dev.mlops.maturity.cli.JsonLogEncoderTest");
  }

  @Test
  void anEventWithoutAnExceptionHasNoExceptionField() throws Exception {
    JsonNode json = encode(new LoggingEvent("fqcn", context.getLogger("x"), Level.INFO, "operator started", null, null));

    assertThat(json.path("message").asText()).isEqualTo("operator started");
    assertThat(json.has("exception")).isFalse();
  }
}
