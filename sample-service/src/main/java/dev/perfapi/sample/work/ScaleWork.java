package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code GET /scale}: stress for the extension's bounds (benchmark part 5, not a workload of known
 * shape). {@code threads} platform threads run, until the deadline (at least once each), local root spans with
 * {@code names} distinct names ({@code scale-op-0} …), each descending {@code depth} frames
 * through two alternating methods chosen by the span number (so stacks differ) before a short
 * burn of CPU and a small allocation at the leaf. Without the agent the spans are no-ops.
 */
@Component
public class ScaleWork {

  public record Result(int threads, int names, int depth, int ms, long spans) {}

  private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("dev.perfapi.sample.scale");

  public Result run(int threads, int names, int depth, int ms) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    AtomicLong spans = new AtomicLong();
    List<Thread> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        do { // at least one span per thread, however late it starts
          long n = spans.getAndIncrement();
          Span span = TRACER.spanBuilder("scale-op-" + (n % names)).setNoParent().startSpan();
          try (Scope ignored = span.makeCurrent()) {
            Blackhole.consume(descendLeft(depth, n));
          } finally {
            span.end();
          }
        } while (System.nanoTime() < deadline);
      }, "scale-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return new Result(threads, names, depth, ms, spans.get());
  }

  // Two methods, picked per level by a bit of the span number: up to 2^depth distinct stacks.
  long descendLeft(int level, long n) {
    return level <= 0 ? leaf(n) : next(level - 1, n) + 1;
  }

  long descendRight(int level, long n) {
    return level <= 0 ? leaf(n) : next(level - 1, n) + 2;
  }

  private long next(int level, long n) {
    return ((n >>> (level % 48)) & 1) == 0 ? descendLeft(level, n) : descendRight(level, n);
  }

  /** About 50 µs of arithmetic and a 1 KiB allocation. */
  private static long leaf(long n) {
    long x = n;
    long end = System.nanoTime() + 50_000;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 256; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    byte[] garbage = new byte[1024];
    return x + garbage.length;
  }
}
