package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Map;

/** The extension's real configuration type, built from key/value pairs as the agent would. */
final class BenchConfig {
  private BenchConfig() {}

  static PerfApiConfig of(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return PerfApiConfig.from(DefaultConfigProperties.createFromMap(map));
  }
}
