package dev.perfapi.config;

import com.google.auto.service.AutoService;
import dev.perfapi.methods.MethodTimings;
import dev.perfapi.profiling.ProfilingInstaller;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Adjusts the agent's defaults for host metrics: metrics are exported every 10 s unless the user
 * chose an interval (the SDK's 60 s default would hide five of six host readings), and a delta
 * temporality preference, which the Collector's Prometheus exporter cannot turn into cumulative
 * series, is reported once (case P08).
 */
@AutoService(AutoConfigurationCustomizerProvider.class)
public final class PerfApiCustomizer implements AutoConfigurationCustomizerProvider {
  private static final Logger logger = Logger.getLogger(PerfApiCustomizer.class.getName());

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    // Supplied properties are defaults: any system property or env var set by the user wins.
    customizer.addPropertiesSupplier(
        () -> Collections.singletonMap("otel.metric.export.interval", "10000"));
    customizer.addPropertiesCustomizer(PerfApiCustomizer::warnAboutDelta);
    customizer.addPropertiesCustomizer(PerfApiCustomizer::includeTimedMethods);
    // Span activations must be observed from the first attached context on.
    ProfilingInstaller.installActivationTracking();
    customizer.addSamplerCustomizer((sampler, config) -> new OwnThreadsSampler(sampler));
    customizer.addTracerProviderCustomizer((builder, config) -> {
      PerfApiConfig perfApi = PerfApiConfig.shared(config);
      if (perfApi.enabled && perfApi.profilingEnabled) {
        builder.addSpanProcessor(ProfilingInstaller.linkProcessor(perfApi));
      }
      if (perfApi.enabled) {
        builder.addSpanProcessor(METHOD_TIMINGS);
      }
      return builder;
    });
  }

  /** Started by the agent listener once the meter provider exists. */
  public static final MethodTimings METHOD_TIMINGS = new MethodTimings();

  /**
   * {@code otel.perfapi.methods.include} (e.g. {@code com.example.Foo[bar,baz];com.example.Qux[run]})
   * is added to the agent's {@code otel.instrumentation.methods.include}.
   */
  static Map<String, String> includeTimedMethods(ConfigProperties config) {
    String ours = config.getString(PerfApiConfig.PREFIX + "methods.include");
    if (ours == null || ours.trim().isEmpty()) {
      return Collections.emptyMap();
    }
    String key = "otel.instrumentation.methods.include";
    return Collections.singletonMap(key, MethodTimings.mergeInclude(config.getString(key), ours));
  }

  static Map<String, String> warnAboutDelta(ConfigProperties config) {
    String preference = config.getString("otel.exporter.otlp.metrics.temporality.preference");
    if (preference != null && preference.toLowerCase(Locale.ROOT).contains("delta")) {
      logger.warning(
          "perfapi: otel.exporter.otlp.metrics.temporality.preference=" + preference
              + ": the Collector's Prometheus exporter drops or misreads delta sums; counters"
              + " such as system.cpu.time may be missing from /metrics. Use cumulative, or add a"
              + " deltatocumulative processor to the Collector.");
    }
    return Collections.emptyMap();
  }
}
