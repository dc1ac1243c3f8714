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
  void negativeOrGarbageValuesFallBackToDefaultsNotToTheMinimum() {
    // Found by the issue-7 configuration test: a negative interval is a typo, not "as fast as
    // possible", and a garbage port must not become 0 (a random port).
    PerfApiConfig c = config(
        "otel.perfapi.host.interval", "-5s",
        "otel.perfapi.profiling.period", "-1m",
        "otel.perfapi.profiling.cpu.engine", "perf-magic",
        "otel.perfapi.rest.port", "http");
    assertThat(c.hostInterval).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.profilingPeriod).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.profilingCpuEngine).isEqualTo("auto");
    assertThat(c.restPort).isEqualTo(9465);
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
