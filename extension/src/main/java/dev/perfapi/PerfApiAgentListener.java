package dev.perfapi;

import com.google.auto.service.AutoService;
import dev.perfapi.config.PerfApiConfig;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point run by the agent once its SDK is ready. Nothing here may throw into the agent or
 * the application: any failure is one log line and the extension stays off.
 */
@AutoService(AgentListener.class)
public final class PerfApiAgentListener implements AgentListener {
  private static final Logger logger = Logger.getLogger(PerfApiAgentListener.class.getName());

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      PerfApiConfig config = PerfApiConfig.shared(configOf(sdk));
      AutoCloseable installed = PerfApiInstaller.install(sdk.getOpenTelemetrySdk(), config);
      if (installed != null) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(installed),
            "perfapi-shutdown"));
      }
    } catch (Throwable t) {
      logger.log(Level.WARNING, "perfapi: extension failed to start; the application is"
          + " unaffected but no perfapi metrics will be reported", t);
    }
  }

  private static ConfigProperties configOf(AutoConfiguredOpenTelemetrySdk sdk) {
    ConfigProperties config = AutoConfigureUtil.getConfig(sdk);
    // Declarative (file) configuration leaves no ConfigProperties: fall back to system
    // properties and environment variables, which is where otel.perfapi.* live anyway.
    return config != null ? config : DefaultConfigProperties.createFromMap(perfApiSettings());
  }

  private static Map<String, String> perfApiSettings() {
    Map<String, String> settings = new HashMap<>();
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("OTEL_PERFAPI_")) {
        settings.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    // System properties win over environment variables, as in the agent.
    System.getProperties().forEach((name, value) -> {
      if (name.toString().startsWith(PerfApiConfig.PREFIX)) {
        settings.put(name.toString(), value.toString());
      }
    });
    return settings;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // shutting down: nothing left to tell
    }
  }
}
