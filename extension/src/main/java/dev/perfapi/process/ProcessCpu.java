package dev.perfapi.process;

/**
 * Process CPU utilization from successive CPU-time readings: the CPU time used in an interval
 * divided by the interval times the CPUs available to the process (case P01: dividing by one CPU
 * reports 400 % for four busy threads). Utilization therefore stays within 0..1.
 */
final class ProcessCpu {
  private long lastUser = -1;
  private long lastSystem;
  private long lastNanos;

  /**
   * Returns {user, system} utilization since the previous call, or null on the first call or when
   * no time passed.
   */
  double[] update(long userMillis, long systemMillis, long nanoTime, int cpus) {
    double[] result = null;
    if (lastUser >= 0) {
      double capacityMillis = (nanoTime - lastNanos) / 1e6 * Math.max(1, cpus);
      if (capacityMillis > 0) {
        double user = Math.max(0, userMillis - lastUser) / capacityMillis;
        double system = Math.max(0, systemMillis - lastSystem) / capacityMillis;
        double sum = user + system;
        // Kernel tick accounting can overshoot a short interval slightly; never report > 1.
        if (sum > 1) {
          // 1 - user, not system / sum: two quotients can add up to 1.0000000000000002.
          user /= sum;
          system = 1 - user;
        }
        result = new double[] {user, system};
      }
    }
    lastUser = userMillis;
    lastSystem = systemMillis;
    lastNanos = nanoTime;
    return result;
  }
}
