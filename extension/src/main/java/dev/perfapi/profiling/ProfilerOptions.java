package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import java.nio.file.Path;
import java.util.Locale;

/** The async-profiler options grammar, built in one place from the typed configuration. */
final class ProfilerOptions {
  private ProfilerOptions() {}

  /**
   * The {@code start} command for one recording. {@code clock=monotonic} makes every event's
   * timestamp a CLOCK_MONOTONIC reading in nanoseconds, the clock behind
   * {@link System#nanoTime()} on Linux, so samples and span activations share one time line.
   * {@code filter=} limits wall-clock sampling (and only it) to threads added with addThread.
   */
  static String start(PerfApiConfig config, String cpuEngine, Path file) {
    StringBuilder b = new StringBuilder("start");
    if (config.cpuProfiling) {
      b.append(",event=").append(cpuEngine).append(",interval=").append(config.cpuInterval.toNanos());
    }
    if (config.wallProfiling) {
      b.append(",wall=").append(config.wallInterval.toNanos()).append(",filter=");
    }
    if (config.allocProfiling) {
      b.append(",alloc=").append(config.allocIntervalBytes);
    }
    if (config.lockProfiling) {
      b.append(",lock=").append(config.lockThreshold.toNanos());
    }
    b.append(",clock=monotonic,jfr,file=").append(file.toAbsolutePath());
    return b.toString();
  }

  static boolean anyEvent(PerfApiConfig config) {
    return config.cpuProfiling || config.wallProfiling || config.allocProfiling || config.lockProfiling;
  }

  /** The CPU engines to try, in order, for {@code otel.perfapi.profiling.cpu.engine}. */
  static String[] cpuEngines(String configured) {
    switch (configured.toLowerCase(Locale.ROOT)) {
      case "cpu":
        return new String[] {"cpu"};
      case "itimer":
        return new String[] {"itimer"};
      case "ctimer":
        return new String[] {"ctimer"};
      default:
        // perf_events first; where they are forbidden (containers, perf_event_paranoid), itimer
        // needs no permission and still measures CPU time.
        return new String[] {"cpu", "itimer", "ctimer"};
    }
  }
}
