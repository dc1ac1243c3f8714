package dev.perfapi.sample.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Per-thread accounting from the JVM: CPU time, allocated bytes, monitor-blocked count. All of it is about the
 * <em>calling</em> thread and independent of how busy the machine is, which is what makes the work deterministic.
 */
public final class ThreadStats {

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean HOTSPOT_THREADS =
      THREADS instanceof com.sun.management.ThreadMXBean t ? t : null;

  static {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time; the sample service needs it");
    }
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
  }

  private ThreadStats() {}

  /** CPU time (user + system) consumed by the current thread, in nanoseconds. */
  public static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Bytes allocated on the heap by the current thread so far, or -1 if the JVM cannot tell. */
  public static long allocatedBytes() {
    if (HOTSPOT_THREADS == null || !HOTSPOT_THREADS.isThreadAllocatedMemorySupported()) {
      return -1;
    }
    return HOTSPOT_THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** How many times the current thread has blocked to enter a contended monitor (no safepoint needed). */
  public static long blockedCount() {
    ThreadInfo info = THREADS.getThreadInfo(Thread.currentThread().getId(), 0);
    return info == null ? -1 : info.getBlockedCount();
  }

  /** Nanoseconds to milliseconds, rounded to microseconds, for JSON. */
  public static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
