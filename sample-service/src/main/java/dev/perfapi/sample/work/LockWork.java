package dev.perfapi.sample.work;

import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/lock}: lock contention. Every request enters the same monitor in {@link #critical} and holds
 * it for {@code ms} (sleeping, i.e. a slow operation under a lock), so concurrent requests queue up: they show
 * as monitor-blocked in {@code LockWork.critical} (JVM monitor contention, the profiler's {@code lock} event).
 * The response reports how long this request waited and the thread's monitor-blocked count delta.
 */
@Component
public class LockWork {

  public static final String CRITICAL_METHOD = "LockWork.critical";

  private final Object monitor = new Object();
  private volatile Thread holder;

  public record Result(
      String endpoint,
      int requestedMs,
      String thread,
      double waitedMs,
      double heldMs,
      long blockedCount,
      boolean contended,
      TraceRef trace) {}

  /** Timestamps (System.nanoTime) of acquiring and releasing the monitor. */
  record Hold(long acquiredAt, long releasedAt) {}

  public Result run(int ms) {
    long blocked0 = ThreadStats.blockedCount();
    long requested = System.nanoTime();
    Hold hold = critical(ms);
    long blocked = ThreadStats.blockedCount() - blocked0;
    return new Result(
        "lock",
        ms,
        Thread.currentThread().getName(),
        ThreadStats.millis(hold.acquiredAt() - requested),
        ThreadStats.millis(hold.releasedAt() - hold.acquiredAt()),
        blocked,
        blocked > 0,
        TraceRef.current());
  }

  /** Enters the shared monitor and holds it for {@code ms} milliseconds. */
  Hold critical(int ms) {
    synchronized (monitor) {
      long acquiredAt = System.nanoTime();
      holder = Thread.currentThread();
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        holder = null;
      }
      return new Hold(acquiredAt, System.nanoTime());
    }
  }

  /** The thread currently inside {@link #critical}, or null (for tests and diagnostics). */
  public Thread holder() {
    return holder;
  }

  /** The shared monitor (package-private: lets tests hold it deterministically). */
  Object monitor() {
    return monitor;
  }
}
