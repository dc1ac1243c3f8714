package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/spin}: burns a CPU budget in one method, {@link #spin}, distinct from the ones of {@code
 * /work/cpu} (meant to run concurrently with it on another thread, so per-thread/per-span attribution can be
 * told apart).
 */
@Component
public class SpinWork {

  public static final String SPIN_METHOD = "SpinWork.spin";

  /** Iterations between two clock reads (~10-20 µs). */
  static final int SPIN_CHUNK = 2048;

  public record Result(
      String endpoint, int requestedMs, String thread, MethodCpu method, long checksum, TraceRef trace) {}

  public Result run(int ms) {
    long c0 = ThreadStats.cpuNanos();
    long checksum = spin(ms * 1_000_000L, System.nanoTime());
    long c1 = ThreadStats.cpuNanos();
    return new Result(
        "spin",
        ms,
        Thread.currentThread().getName(),
        MethodCpu.of(SPIN_METHOD, c1 - c0),
        checksum,
        TraceRef.current());
  }

  /** Floating-point recurrence fed by an LCG until {@code budgetNanos} of thread CPU time are consumed. */
  long spin(long budgetNanos, long seed) {
    long start = ThreadStats.cpuNanos();
    long x = seed | 1;
    double d = 1.0;
    do {
      for (int i = 0; i < SPIN_CHUNK; i++) {
        x = x * 0x5DEECE66DL + 0xBL;
        d = Math.sqrt(d * 1.000001 + (x >>> 11) * 0x1.0p-53);
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    long result = x ^ Double.doubleToLongBits(d);
    Blackhole.consume(result);
    return result;
  }
}
