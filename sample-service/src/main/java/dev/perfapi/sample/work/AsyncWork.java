package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/async}: a {@link CompletableFuture} chain that hops onto {@link WorkPool} twice, {@code
 * supplyAsync(firstStage)} then {@code thenApplyAsync(secondStage)}, splitting the CPU budget {@value
 * #FIRST_PERCENT}/{@value #SECOND_PERCENT} between the two stages. The agent propagates the request's context
 * through both hops.
 */
@Component
public class AsyncWork {

  public static final int FIRST_PERCENT = 60;
  public static final int SECOND_PERCENT = 40;
  public static final String FIRST_METHOD = "AsyncWork.firstStage";
  public static final String SECOND_METHOD = "AsyncWork.secondStage";

  static final int STAGE_CHUNK = 4096;

  private final WorkPool pool;

  public AsyncWork(WorkPool pool) {
    this.pool = pool;
  }

  /** One stage as it ran: on which thread, how much CPU, in which trace; {@code value} feeds the next stage. */
  public record Stage(MethodCpu method, long value, TraceRef trace) {}

  public record Result(
      String endpoint, int requestedMs, String requestThread, TraceRef trace, List<Stage> stages) {}

  public Result run(int ms) {
    long budget = ms * 1_000_000L;
    long firstBudget = budget * FIRST_PERCENT / 100;
    long secondBudget = budget - firstBudget;
    long seed = System.nanoTime();
    CompletableFuture<List<Stage>> chain;
    try {
      chain =
          CompletableFuture.supplyAsync(
                  () -> timed(FIRST_METHOD, () -> firstStage(firstBudget, seed)), pool.executor())
              .thenApplyAsync(
                  first ->
                      List.of(first, timed(SECOND_METHOD, () -> secondStage(first.value(), secondBudget))),
                  pool.executor());
    } catch (RejectedExecutionException e) {
      throw new WorkFailedException("pool_saturated", "work pool queue is full", e);
    }
    List<Stage> stages = PoolWork.await(chain);
    return new Result("async", ms, Thread.currentThread().getName(), TraceRef.current(), stages);
  }

  /** Runs one stage on the current (pool) thread and records its thread CPU time, thread and trace. */
  private static Stage timed(String method, LongSupplier stage) {
    long c0 = ThreadStats.cpuNanos();
    long value = stage.getAsLong();
    long c1 = ThreadStats.cpuNanos();
    return new Stage(MethodCpu.of(method, c1 - c0), value, TraceRef.current());
  }

  /** First stage: xorshift chain until {@code budgetNanos} of thread CPU time are consumed. */
  long firstStage(long budgetNanos, long seed) {
    long start = ThreadStats.cpuNanos();
    long x = seed | 1;
    do {
      for (int i = 0; i < STAGE_CHUNK; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        x += i;
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    Blackhole.consume(x);
    return x;
  }

  /** Second stage: multiply-add-fold chain seeded by the first stage's value, for {@code budgetNanos}. */
  long secondStage(long input, long budgetNanos) {
    long start = ThreadStats.cpuNanos();
    long x = input;
    long acc = 0;
    do {
      for (int i = 0; i < STAGE_CHUNK; i++) {
        x = x * 0xD1342543DE82EF95L + 1;
        acc += x >>> 17 ^ acc << 3;
      }
    } while (ThreadStats.cpuNanos() - start < budgetNanos);
    Blackhole.consume(acc);
    return acc;
  }
}
