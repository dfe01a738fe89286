package dev.mlops.maturity.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

  @Test
  void theScrapeCarriesTheStandardJvmAndProcessSeries() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (AutoCloseable gc = ProcessMetrics.bindTo(registry)) {
      String scrape = registry.scrape();

      assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
          "process_cpu_usage", "process_uptime_seconds", "system_cpu_count");
    } finally {
      registry.close();
    }
  }
}
