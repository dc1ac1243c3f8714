package dev.perfapi;

import dev.perfapi.collection.CollectionLoop;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.config.PerfApiCustomizer;
import dev.perfapi.host.HostMetrics;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.process.ProcessMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import dev.perfapi.profiling.ProfilingInstaller;
import dev.perfapi.profiling.SpanProfileStore;
import dev.perfapi.collection.MetricSnapshots;
import dev.perfapi.profiling.MethodHistory;
import dev.perfapi.profiling.Recordings;
import dev.perfapi.rest.RestApi;
import dev.perfapi.rest.RestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Wires the enabled metric families to one collection loop and returns a handle that stops it. */
public final class PerfApiInstaller {
  private static final Logger logger = Logger.getLogger(PerfApiInstaller.class.getName());
  static final String INSTRUMENTATION_NAME = "dev.perfapi";

  private PerfApiInstaller() {}

  /** Starts every enabled part; the returned handle stops them all. */
  public static AutoCloseable install(OpenTelemetry openTelemetry, PerfApiConfig config) {
    if (!config.enabled) {
      logger.info("perfapi: the extension is disabled by configuration");
      return null;
    }
    Meter meter =
        openTelemetry.getMeterProvider().meterBuilder(INSTRUMENTATION_NAME)
            .setInstrumentationVersion(version()).build();
    List<AutoCloseable> parts = new ArrayList<>();
    MetricSnapshots snapshots = config.restEnabled ? new MetricSnapshots() : null;
    CollectionLoop loop = installMetrics(meter, config, snapshots);
    parts.add(loop);
    parts.add(snapshots);
    PerfApiCustomizer.METHOD_TIMINGS.start(meter);
    SpanProfileStore store = ProfilingInstaller.newStore(config);
    MethodHistory history = ProfilingInstaller.newHistory(config);
    Recordings recordings = ProfilingInstaller.newRecordings(config);
    parts.add(ProfilingInstaller.start(config, meter, store, history, recordings));
    parts.add(recordings::clear);
    if (config.restEnabled) {
      parts.add(RestServer.start(new RestApi(config, store, history, recordings,
          loop == null ? null : snapshots, loop)));
    } else {
      logger.info("perfapi: the REST API is disabled by configuration");
    }
    return () -> {
      for (AutoCloseable part : parts) {
        if (part != null) {
          part.close();
        }
      }
    };
  }

  private static CollectionLoop installMetrics(Meter meter, PerfApiConfig config,
      MetricSnapshots snapshots) {
    if (!config.hostEnabled && !config.processEnabled) {
      logger.info("perfapi: host and process metrics are disabled by configuration");
      return null;
    }
    Oshi oshi = new Oshi();
    ProcFiles proc = new ProcFiles(config.procRoot);
    CollectionLoop loop = new CollectionLoop(meter);
    StringBuilder started = new StringBuilder();
    if (config.hostEnabled) {
      for (MetricFamily family : HostMetrics.families(config, oshi, proc)) {
        loop.schedule(family, config.hostInterval, meter, snapshots);
        started.append(family.name()).append(' ');
      }
      for (MetricFamily family : HostMetrics.slowFamilies(config, proc)) {
        loop.schedule(family, config.processStatesInterval, meter, snapshots);
        started.append(family.name()).append(' ');
      }
    }
    if (config.processEnabled) {
      MetricFamily process = new ProcessMetrics(oshi, proc);
      loop.schedule(process, config.hostInterval, meter, snapshots);
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
