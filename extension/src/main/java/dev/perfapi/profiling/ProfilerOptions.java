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
    return command("start", config, cpuEngine, file);
  }

  /**
   * Continues a stopped session into a new file. Unlike {@code start}, {@code resume} keeps the
   * wall-clock thread filter.
   */
  static String resume(PerfApiConfig config, String cpuEngine, Path file) {
    return command("resume", config, cpuEngine, file);
  }

  /**
   * The {@code start} command of an on-demand recording of one event: {@code interval} is in
   * nanoseconds (cpu, wall, lock threshold) or bytes (alloc). Wall-clock sampling covers every
   * thread here: the user asked for this recording, not for span attribution.
   */
  static String onDemand(ProfileEvent event, long interval, String cpuEngine, Path file) {
    StringBuilder b = new StringBuilder("start");
    switch (event) {
      case CPU:
        b.append(",event=").append(cpuEngine).append(",interval=").append(interval);
        break;
      case WALL:
        b.append(",wall=").append(interval).append(",nobatch");
        break;
      case ALLOC:
        b.append(",alloc=").append(interval);
        break;
      default:
        b.append(",lock=").append(interval);
    }
    b.append(",clock=monotonic,loglevel=error,jfr,file=").append(file.toAbsolutePath());
    return b.toString();
  }

  private static String command(String verb, PerfApiConfig config, String cpuEngine, Path file) {
    StringBuilder b = new StringBuilder(verb);
    if (config.cpuProfiling) {
      b.append(",event=").append(cpuEngine).append(",interval=").append(config.cpuInterval.toNanos());
    }
    if (config.wallProfiling) {
      // nobatch: batched wall samples lose their time span in the JFR reader, which would join
      // them to the wrong span.
      b.append(",wall=").append(config.wallInterval.toNanos()).append(",nobatch,filter=");
    }
    if (config.allocProfiling) {
      b.append(",alloc=").append(config.allocIntervalBytes);
    }
    if (config.lockProfiling) {
      b.append(",lock=").append(config.lockThreshold.toNanos());
    }
    b.append(",clock=monotonic,loglevel=error,jfr,file=").append(file.toAbsolutePath());
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
