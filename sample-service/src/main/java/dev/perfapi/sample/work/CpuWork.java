package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/cpu}: burns a CPU budget on the request thread, split {@value #HASH_PERCENT}/{@value
 * #SORT_PERCENT} between {@link #hashLoop} and {@link #sortLoop}.
 *
 * <p>Both loops measure the budget in <em>thread CPU time</em> ({@link ThreadStats#cpuNanos()}), checked after
 * every small chunk of work (~15 µs), so the split holds whatever the machine speed or load: a descheduled
 * thread consumes no budget. Each loop keeps its arithmetic in its own body (no helper calls besides the clock),
 * so a profiler sees the samples in the named frame itself, both as self and as total time.
 */
@Component
public class CpuWork {

  public static final int HASH_PERCENT = 70;
  public static final int SORT_PERCENT = 30;
  public static final String HASH_METHOD = "CpuWork.hashLoop";
  public static final String SORT_METHOD = "CpuWork.sortLoop";

  /** Iterations of the mixer between two clock reads (~4 ns each, ~16 µs a chunk). */
  static final int HASH_CHUNK = 4096;
  /** Elements sorted per round and rounds between two clock reads (~15 µs a chunk). */
  static final int SORT_SIZE = 64;
  static final int SORT_ROUNDS = 8;

  public record Result(
      String endpoint,
      int requestedMs,
      String thread,
      double totalCpuMs,
      List<MethodCpu> methods,
      long checksum,
      TraceRef trace) {}

  public Result run(int ms) {
    long budget = ms * 1_000_000L;
    long hashBudget = budget * HASH_PERCENT / 100;
    long sortBudget = budget - hashBudget;

    long c0 = ThreadStats.cpuNanos();
    long hash = hashLoop(hashBudget, System.nanoTime());
    long c1 = ThreadStats.cpuNanos();
    long sorted = sortLoop(sortBudget, hash);
    long c2 = ThreadStats.cpuNanos();
    Blackhole.consume(hash ^ sorted);

    long total = c2 - c0;
    return new Result(
        "cpu",
        ms,
        Thread.currentThread().getName(),
        ThreadStats.millis(total),
        List.of(
            MethodCpu.of(HASH_METHOD, c1 - c0).withShare(total),
            MethodCpu.of(SORT_METHOD, c2 - c1).withShare(total)),
        hash ^ sorted,
        TraceRef.current());
  }

  /** 64-bit mixing (murmur3 finalizer) until {@code budgetNanos} of thread CPU time are consumed. */
  long hashLoop(long budgetNanos, long seed) {
    long start = ThreadStats.cpuNanos();
    long x = seed;
    do {
      for (int i = 0; i < HASH_CHUNK; i++) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        x += i;
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    Blackhole.consume(x);
    return x;
  }

  /** Fills a small array from an LCG and insertion-sorts it, until {@code budgetNanos} of thread CPU time. */
  long sortLoop(long budgetNanos, long seed) {
    long start = ThreadStats.cpuNanos();
    int[] a = new int[SORT_SIZE];
    long x = seed | 1;
    long acc = 0;
    do {
      for (int round = 0; round < SORT_ROUNDS; round++) {
        for (int i = 0; i < a.length; i++) {
          x = x * 6364136223846793005L + 1442695040888963407L;
          a[i] = (int) (x >>> 33);
        }
        for (int i = 1; i < a.length; i++) {
          int v = a[i];
          int j = i - 1;
          while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
        acc = acc * 31 + a[0] + a[a.length / 2] + a[a.length - 1];
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    Blackhole.consume(acc);
    return acc;
  }
}
