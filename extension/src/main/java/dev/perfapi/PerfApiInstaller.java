package dev.perfapi;

import dev.perfapi.collection.CollectionLoop;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.host.HostMetrics;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.process.ProcessMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.util.logging.Logger;

/** Wires the enabled metric families to one collection loop and returns a handle that stops it. */
public final class PerfApiInstaller {
  private static final Logger logger = Logger.getLogger(PerfApiInstaller.class.getName());
  static final String INSTRUMENTATION_NAME = "dev.perfapi";

  private PerfApiInstaller() {}

  /** Returns null when nothing is enabled. */
  public static AutoCloseable install(OpenTelemetry openTelemetry, PerfApiConfig config) {
    if (!config.enabled || (!config.hostEnabled && !config.processEnabled)) {
      logger.info("perfapi: host and process metrics are disabled by configuration");
      return null;
    }
    Meter meter =
        openTelemetry.getMeterProvider().meterBuilder(INSTRUMENTATION_NAME)
            .setInstrumentationVersion(version()).build();
    Oshi oshi = new Oshi();
    ProcFiles proc = new ProcFiles(config.procRoot);
    CollectionLoop loop = new CollectionLoop(meter);
    StringBuilder started = new StringBuilder();
    if (config.hostEnabled) {
      for (MetricFamily family : HostMetrics.families(config, oshi, proc)) {
        loop.schedule(family, config.hostInterval, meter);
        started.append(family.name()).append(' ');
      }
      for (MetricFamily family : HostMetrics.slowFamilies(config, proc)) {
        loop.schedule(family, config.processStatesInterval, meter);
        started.append(family.name()).append(' ');
      }
    }
    if (config.processEnabled) {
      MetricFamily process = new ProcessMetrics(oshi, proc);
      loop.schedule(process, config.hostInterval, meter);
      started.append(process.name()).append(' ');
    }
    logger.info("perfapi: collecting [" + started.toString().trim() + "] every "
        + config.hostInterval.toMillis() + " ms");
    return loop;
  }

  static String version() {
    String v = PerfApiInstaller.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
