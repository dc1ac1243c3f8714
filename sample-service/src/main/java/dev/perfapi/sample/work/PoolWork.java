package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/pool}: hands a CPU budget to {@link WorkPool} and waits for it. The hot loop, {@link
 * #crunch}, runs on a {@code work-pool-N} thread while the request thread is parked in {@code Future.get}; the
 * agent carries the request's span onto the pool thread, so its CPU belongs to the request's trace.
 */
@Component
public class PoolWork {

  public static final String CRUNCH_METHOD = "PoolWork.crunch";

  /** Iterations between two clock reads (~10-20 µs). */
  static final int CRUNCH_CHUNK = 4096;
  /** Generous wall-clock bound for waiting on the pool (CPU budgets are at most a second). */
  static final long WAIT_SECONDS = 60;

  private final WorkPool pool;

  public PoolWork(WorkPool pool) {
    this.pool = pool;
  }

  /** What ran on the pool thread. */
  public record Crunch(MethodCpu method, long checksum, TraceRef trace) {}

  public record Result(
      String endpoint, int requestedMs, String requestThread, TraceRef trace, Crunch pool) {}

  public Result run(int ms) {
    long budget = ms * 1_000_000L;
    long seed = System.nanoTime();
    Future<Crunch> future;
    try {
      future = pool.executor().submit(() -> crunchTask(budget, seed));
    } catch (RejectedExecutionException e) {
      throw new WorkFailedException("pool_saturated", "work pool queue is full", e);
    }
    Crunch crunch = await(future);
    return new Result("pool", ms, Thread.currentThread().getName(), TraceRef.current(), crunch);
  }

  /** Runs on the pool thread: measures {@link #crunch} and records where it ran and in which trace. */
  Crunch crunchTask(long budgetNanos, long seed) {
    long c0 = ThreadStats.cpuNanos();
    long checksum = crunch(budgetNanos, seed);
    long c1 = ThreadStats.cpuNanos();
    return new Crunch(MethodCpu.of(CRUNCH_METHOD, c1 - c0), checksum, TraceRef.current());
  }

  /** Rotate-xor-multiply chain until {@code budgetNanos} of thread CPU time are consumed. */
  long crunch(long budgetNanos, long seed) {
    long start = ThreadStats.cpuNanos();
    long x = seed;
    long y = ~seed;
    do {
      for (int i = 0; i < CRUNCH_CHUNK; i++) {
        x = Long.rotateLeft(x, 7) ^ (y * 0x9E3779B97F4A7C15L);
        y = Long.rotateRight(y, 11) + (x ^ i);
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    Blackhole.consume(x ^ y);
    return x ^ y;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new WorkFailedException("timeout", "work pool did not finish in time", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new WorkFailedException("interrupted", "interrupted while waiting for the work pool", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RejectedExecutionException) {
        throw new WorkFailedException("pool_saturated", "work pool queue is full", cause);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new WorkFailedException("failed", "work failed on the pool", cause);
    }
  }
}
