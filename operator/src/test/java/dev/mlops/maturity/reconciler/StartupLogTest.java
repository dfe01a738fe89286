package dev.mlops.maturity.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.config.OperatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** `run --metrics-port 0` picks a free port: the one start-up log line says which, for the operator of the operator. */
class StartupLogTest {

  @Test
  void theStartLineNamesTheManagementPortAFreePortRequestGot() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    TestCluster cluster = TestCluster.start();
    OperatorHandle operator = null;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      operator = OperatorApp.start(cluster.client, new TestProbes().probeSet(),
          OperatorOptions.defaults().withMetrics("127.0.0.1", 0).withCacheSyncTimeout(Duration.ofSeconds(10))
              .withShutdownTimeout(Duration.ofMillis(500)).withConfig(OperatorConfig.EMPTY));
      System.err.flush();

      assertThat(operator.metricsPort()).isPositive();
      assertThat(captured.toString(StandardCharsets.UTF_8))
          .contains("operator started: ", "/metrics, /healthz and /readyz on port " + operator.metricsPort());
    } finally {
      System.setErr(original);
      if (operator != null) {
        operator.stop();
      }
      cluster.close();
    }
  }
}
