package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Every profiling period: cut the recording, join each sample to the span its thread ran at that
 * instant, record the method metrics and keep the stacks of each span. Runs on one daemon thread.
 */
final class ProfilingSession implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(ProfilingSession.class.getName());
  private static final AttributeKey<String> EVENT = AttributeKey.stringKey("perfapi.profile.event");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("perfapi.sample.outcome");

  private final PerfApiConfig config;
  private final ProfilerEngine engine;
  private final MethodMetrics metrics;
  private final SpanProfileStore store;
  private final MethodHistory history;
  /** True while an on-demand recording holds the profiler; periodic cuts wait for it. */
  private boolean onDemand;
  /** True while an on-demand recording's samples are joined: its engine setting is not ours. */
  private boolean joiningOnDemand;
  private final ActivationTimeline timeline = new ActivationTimeline();
  private final LongCounter samples;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfapi-profiler");
        t.setDaemon(true);
        return t;
      });
  private boolean failing;
  private String engineSeen;
  private final String cpuEngine;

  ProfilingSession(PerfApiConfig config, ProfilerEngine engine, String cpuEngine, Meter meter,
      SpanProfileStore store, MethodHistory history) {
    this.history = history;
    this.config = config;
    this.cpuEngine = cpuEngine;
    this.engine = engine;
    this.store = store;
    this.metrics = new MethodMetrics(meter, config.topMethods, config.maxMethodSeries);
    this.samples = meter.counterBuilder("perfapi.profiling.samples").setUnit("{sample}")
        .setDescription("Profiler samples read, by event and by outcome: attributed to a span,"
            + " or outside any span.").build();
    meter.counterBuilder("perfapi.profiling.activations.lost").setUnit("{change}")
        .setDescription("Span changes of application threads lost because the join thread fell a"
            + " whole ring behind; samples in those windows go to the state before.")
        .buildWithCallback(m -> m.record(ActivationRecorder.lostChanges()));
  }

  void start() {
    long period = config.profilingPeriod.toMillis();
    executor.scheduleWithFixedDelay(this::cycle, period, period, TimeUnit.MILLISECONDS);
  }

  private void cycle() {
    if (onDemand) {
      return;
    }
    try {
      long cut = System.nanoTime();
      Path finished = engine.rotate();
      if (config.wallProfiling) {
        ActivationRecorder.forEachThreadInSpan(engine::addThread);
      }
      join(finished, cut, config.cpuInterval, config.wallInterval);
      Files.deleteIfExists(finished);
      if (failing) {
        logger.info("perfapi: span profiling recovered");
      }
      failing = false;
    } catch (Throwable t) {
      // close() interrupts a period in progress at JVM shutdown: that is not a failure to report.
      if (!failing && !Thread.currentThread().isInterrupted()
          && !(t instanceof java.nio.channels.ClosedByInterruptException)) {
        logger.warning("perfapi: a profiling period failed, its samples are skipped: " + t);
      }
      failing = true;
    }
  }

  /**
   * Runs an on-demand recording in place of the continuous one, on this session's thread. Its
   * samples are joined to spans like any period's, at its own interval, so the method metrics
   * and span profiles go on (with only its event) while it runs.
   */
  void record(Recordings.Recording r, Recordings owner) {
    try {
      executor.execute(() -> beginOnDemand(r, owner));
    } catch (RuntimeException e) {
      owner.finished(r, e);
    }
  }

  private void beginOnDemand(Recordings.Recording r, Recordings owner) {
    try {
      long cut = System.nanoTime();
      Path finished = engine.switchTo(
          ProfilerOptions.onDemand(r.event, r.interval, engine.cpuEngine(), r.file), r.file);
      onDemand = true;
      try {
        join(finished, cut, config.cpuInterval, config.wallInterval);
      } finally {
        Files.deleteIfExists(finished);
      }
      executor.schedule(() -> endOnDemand(r, owner), r.duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Throwable t) {
      onDemand = false;
      owner.finished(r, t);
    }
  }

  private void endOnDemand(Recordings.Recording r, Recordings owner) {
    Throwable error = null;
    try {
      long cut = System.nanoTime();
      engine.restartContinuous();
      if (config.wallProfiling) {
        ActivationRecorder.forEachThreadInSpan(engine::addThread);
      }
      Duration interval = Duration.ofNanos(r.interval);
      joiningOnDemand = true;
      join(r.file, cut, interval, interval);
    } catch (Throwable t) {
      error = t;
    } finally {
      joiningOnDemand = false;
      onDemand = false;
      owner.finished(r, error);
    }
  }

  /** Joins one finished recording; activations up to {@code cut} are already recorded. */
  void join(Path recording, long cut, Duration cpuInterval,
      Duration wallInterval) throws java.io.IOException {
    ActivationRecorder.drainAll(timeline);
    Map<ProfileEvent, Map<String, MethodTotals>> totals = new EnumMap<>(ProfileEvent.class);
    Map<ProfileEvent, long[]> outcomes = new EnumMap<>(ProfileEvent.class);
    Map<Span, String> names = new HashMap<>();
    long now = System.nanoTime();
    JfrSamples.read(recording, cpuInterval.toNanos() / 1e9, wallInterval.toNanos() / 1e9, s -> {
          ActivationTimeline.Hit hit = timeline.at(s.javaThreadId, s.time);
          long[] counts = outcomes.computeIfAbsent(s.event, e -> new long[2]);
          if (hit.span == null) {
            counts[1]++;
            if (s.event == ProfileEvent.WALL) {
              return; // wall-clock is only meaningful inside spans
            }
            totals.computeIfAbsent(s.event, e -> new HashMap<>())
                .computeIfAbsent(MethodMetrics.NO_SPAN, n -> new MethodTotals())
                .add(s.frames, s.weight, null);
            return;
          }
          counts[0]++;
          String rootName = names.computeIfAbsent(hit.root, ProfilingSession::nameOf);
          SpanContext span = hit.span.getSpanContext();
          totals.computeIfAbsent(s.event, e -> new HashMap<>())
              .computeIfAbsent(rootName, n -> new MethodTotals())
              .add(s.frames, s.weight, span);
          store.add(span.getTraceId(), span.getSpanId(), nameOf(hit.span), hit.span == hit.root,
              s.event, s.collapsed, s.weight, now);
          if (hit.root != hit.span) {
            SpanContext root = hit.root.getSpanContext();
            store.add(root.getTraceId(), root.getSpanId(), rootName, true, s.event, s.collapsed,
                s.weight, now);
          }
        }, this::engineUsed);
    long wallClock = System.currentTimeMillis();
    totals.forEach((event, bySpanName) -> bySpanName.forEach((spanName, methodTotals) -> {
      metrics.record(event, spanName, methodTotals);
      history.add(event, spanName, methodTotals, wallClock);
    }));
    outcomes.forEach((event, counts) -> {
      samples.add(counts[0], Attributes.of(EVENT, event.id, OUTCOME, "span"));
      samples.add(counts[1], Attributes.of(EVENT, event.id, OUTCOME, "no_span"));
    });
    timeline.prune(cut);
    store.expire(now);
  }

  /**
   * async-profiler falls back from perf_events to ctimer on its own when perf_event_open is
   * forbidden (case P10); the recording's settings say which engine really ran. Logged once per
   * change.
   */
  private void engineUsed(String engine) {
    if (joiningOnDemand || engine.equals(engineSeen)) {
      return;
    }
    engineSeen = engine;
    String requested = cpuEngine.equals("cpu") ? "perf_events" : cpuEngine;
    if (!config.cpuProfiling || engine.equals(requested)) {
      logger.info("perfapi: CPU samples come from the " + engine + " engine");
    } else {
      logger.warning("perfapi: async-profiler uses the " + engine + " engine instead of "
          + requested + " (perf_events not permitted here: perf_event_paranoid, seccomp or"
          + " a non-root user); CPU attribution still works, at timer resolution");
    }
  }

  static String nameOf(Span span) {
    return span instanceof ReadableSpan ? ((ReadableSpan) span).getName() : "unknown";
  }

  @Override
  public void close() {
    executor.shutdownNow();
    ActivationRecorder.wallFilter = null;
    engine.close();
  }
}
