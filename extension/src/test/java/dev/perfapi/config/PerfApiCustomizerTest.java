package dev.perfapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class PerfApiCustomizerTest {
  private static DefaultConfigProperties config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return DefaultConfigProperties.createFromMap(map);
  }

  @Test
  void timedMethodsAreAddedToTheAgentsMethodInstrumentation() {
    assertThat(PerfApiCustomizer.includeTimedMethods(config(
        "otel.perfapi.methods.include", "a.B[c]",
        "otel.instrumentation.methods.include", "x.Y[z]")))
        .containsEntry("otel.instrumentation.methods.include", "x.Y[z];a.B[c]");
    assertThat(PerfApiCustomizer.includeTimedMethods(config())).isEmpty();
  }

  @Test
  void deltaTemporalityIsWarnedAboutOnce() {
    // Case P08: the Collector's Prometheus exporter cannot show delta sums.
    Logger logger = Logger.getLogger(PerfApiCustomizer.class.getName());
    StringBuilder logged = new StringBuilder();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.append(record.getMessage()).append('\n');
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      PerfApiCustomizer.warnAboutDelta(config(
          "otel.exporter.otlp.metrics.temporality.preference", "DELTA"));
      PerfApiCustomizer.warnAboutDelta(config());
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(logged.toString().split("\n")).hasSize(1);
    assertThat(logged.toString()).contains("delta").contains("deltatocumulative");
  }
}
