package dev.perfapi.host;

/**
 * Turns successive readings of kernel CPU tick counters into monotonic per-mode CPU time and
 * per-mode utilization.
 *
 * <p>Kernel counters are not guaranteed monotonic: iowait in /proc/stat can go down (case P03),
 * and a hot-plugged CPU restarts at zero. Only non-negative deltas are added, so every series this
 * produces only grows. Utilization is each mode's share of the summed deltas, so the modes add up
 * to exactly 1; when no tick passed between two readings (polling faster than the kernel or
 * OSHI's cache updates, case P02) there is no utilization point at all rather than a fake 0 %.
 */
final class CpuTimeAccumulator {
  private final double[] seconds;
  private final long[] last;
  private double[] utilization;
  private boolean first = true;

  CpuTimeAccumulator(int modes) {
    seconds = new double[modes];
    last = new long[modes];
  }

  /** Adds one reading; {@code millis[i]} is the kernel's cumulative time of mode i in ms. */
  void update(long[] millis) {
    if (first) {
      for (int i = 0; i < seconds.length; i++) {
        seconds[i] = Math.max(0, millis[i]) / 1000.0;
        last[i] = millis[i];
      }
      first = false;
      return;
    }
    long total = 0;
    long[] delta = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      delta[i] = Math.max(0, millis[i] - last[i]);
      total += delta[i];
      seconds[i] += delta[i] / 1000.0;
      last[i] = millis[i];
    }
    if (total == 0) {
      utilization = null;
      return;
    }
    double[] shares = new double[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      shares[i] = (double) delta[i] / total;
    }
    utilization = shares;
  }

  /** Monotonic cumulative seconds per mode. */
  double seconds(int mode) {
    return seconds[mode];
  }

  /** Share of each mode over the last interval, or null when there is no valid interval. */
  double[] utilization() {
    return utilization;
  }
}
