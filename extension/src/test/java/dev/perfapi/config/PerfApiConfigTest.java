package dev.perfapi.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfApiConfigTest {
  private static PerfApiConfig config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return PerfApiConfig.from(DefaultConfigProperties.createFromMap(map));
  }

  @Test
  void defaults() {
    PerfApiConfig c = config();
    assertThat(c.enabled).isTrue();
    assertThat(c.hostEnabled).isTrue();
    assertThat(c.processEnabled).isTrue();
    assertThat(c.hostInterval).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.perCpuEnabled).isFalse();
    assertThat(c.excludedFsTypes).contains("tmpfs", "overlay", "proc");
  }

  @Test
  void malformedValuesFallBackToDefaults() {
    PerfApiConfig c = config(
        "otel.perfapi.host.interval", "soon",
        "otel.perfapi.host.enabled", "yes please",
        "otel.perfapi.host.devices.max", "-3",
        "otel.perfapi.host.disk.exclude.devices", "([unclosed");
    assertThat(c.hostInterval).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.hostEnabled).isTrue();
    assertThat(c.maxDevices).isEqualTo(64);
    assertThat(c.excludedDisks.pattern()).startsWith("^(loop");
  }

  @Test
  void tooShortIntervalIsRaisedToTheMinimum() {
    // Case P02: 100 ms polling would read OSHI's tick cache between updates.
    assertThat(config("otel.perfapi.host.interval", "100ms").hostInterval)
        .isEqualTo(PerfApiConfig.MIN_INTERVAL);
  }

  @Test
  void collectorsCanBeSwitchedOff() {
    PerfApiConfig c = config("otel.perfapi.host.collectors.disabled", "Disk, filesystem");
    assertThat(c.collectorEnabled("disk")).isFalse();
    assertThat(c.collectorEnabled("filesystem")).isFalse();
    assertThat(c.collectorEnabled("cpu")).isTrue();
  }
}
