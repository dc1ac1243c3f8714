package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.logging.Logger;

/** Wires span-linked profiling: activation tracking, the profiler, the join loop. */
public final class ProfilingInstaller {
  private static final Logger logger = Logger.getLogger(ProfilingInstaller.class.getName());

  private ProfilingInstaller() {}

  /**
   * Installs the span-activation tracking. Must run while the agent configures its SDK, before
   * any context is attached, which is why it reads its switch from system properties and the
   * environment directly.
   */
  public static void installActivationTracking() {
    if (enabledEarly("enabled") && enabledEarly("profiling.enabled")) {
      ActivationRecorder.install();
    }
  }

  /** The processor that links local root spans to their profiles. */
  public static SpanProcessor linkProcessor(PerfApiConfig config) {
    return new ProfileLinkProcessor("http://" + config.restHost + ":" + config.restPort);
  }

  /**
   * Starts the profiler and the join loop. Returns null, after one log line saying why, when
   * profiling cannot run here; everything else of the extension goes on.
   */
  public static AutoCloseable start(PerfApiConfig config, Meter meter, SpanProfileStore store,
      MethodHistory history, Recordings recordings) {
    if (!config.profilingEnabled || !ProfilerOptions.anyEvent(config)) {
      logger.info("perfapi: span profiling is disabled by configuration");
      recordings.unavailable("profiling is disabled by configuration"
          + " (otel.perfapi.profiling.enabled)");
      return null;
    }
    if (!ActivationRecorder.isInstalled()) {
      logger.warning("perfapi: span activation tracking is not installed; profiling stays off");
      recordings.unavailable("span activation tracking is not installed");
      return null;
    }
    AsyncProfilerEngine engine;
    String cpuEngine;
    try {
      engine = AsyncProfilerEngine.load(config);
      cpuEngine = engine.start();
    } catch (Throwable t) {
      logger.warning("perfapi: span profiling is off: " + t.getMessage());
      recordings.unavailable("span profiling is off: " + t.getMessage());
      return null;
    }
    if (config.wallProfiling) {
      ActivationRecorder.wallFilter = engine;
      ActivationRecorder.forEachThreadInSpan(engine::addThread);
    }
    ProfilingSession session =
        new ProfilingSession(config, engine, cpuEngine, meter, store, history);
    recordings.attach(session);
    session.start();
    logger.info("perfapi: span profiling on (cpu engine requested: " + cpuEngine + ", period "
        + config.profilingPeriod.toMillis() + " ms)");
    return session;
  }

  /**
   * The per-span store, at most one span per 32 KiB of maximum heap and its stacks at most a
   * sixteenth of the maximum heap (4 MiB at -Xmx64m), so a small heap gets a small store.
   */
  public static SpanProfileStore newStore(PerfApiConfig config) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    int spans = (int) Math.min(config.profileStoreSpans, maxHeap / (32 * 1024));
    return new SpanProfileStore(spans, config.profileStoreAge.toNanos(), maxHeap / 16);
  }

  /**
   * The hot-method history behind GET /api/v1/methods: entries per minute bounded by the heap
   * (about 150 bytes each), at most 5000.
   */
  public static MethodHistory newHistory(PerfApiConfig config) {
    int minutes = (int) Math.max(1, config.methodsHistory.toMinutes());
    long heapBound = Runtime.getRuntime().maxMemory() / 16 / 150 / minutes;
    return new MethodHistory(minutes, (int) Math.max(100, Math.min(5000, heapBound)));
  }

  /** The on-demand recordings, in a directory of this JVM under the native-library directory. */
  public static Recordings newRecordings(PerfApiConfig config) {
    return new Recordings(config.nativeDir.resolve(
        "perfapi-recordings-" + ProcessHandle.current().pid()), config.recordingsKept);
  }

  private static boolean enabledEarly(String key) {
    String property = System.getProperty(PerfApiConfig.PREFIX + key);
    if (property == null) {
      property = System.getenv(("OTEL_PERFAPI_" + key).toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }
    return property == null || !property.trim().equalsIgnoreCase("false");
  }
}
