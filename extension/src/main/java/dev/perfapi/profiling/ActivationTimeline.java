package dev.perfapi.profiling;

import io.opentelemetry.api.trace.Span;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Join-side history of which span each thread ran when: for every thread a time-ordered list of
 * changes; the span at time t is the one set by the last change at or before t. Nesting,
 * overlapping activations and thread reuse by pools all reduce to this one rule. Lives on the
 * join thread only.
 */
final class ActivationTimeline implements ThreadActivations.Sink {
  /** What one sample lands on: a span and its local root, or nothing. */
  static final class Hit {
    static final Hit NONE = new Hit(null, null);
    final Span span;
    final Span root;

    Hit(Span span, Span root) {
      this.span = span;
      this.root = root;
    }
  }

  private static final class History {
    long[] times = new long[16];
    Span[] spans = new Span[16];
    Span[] roots = new Span[16];
    int size;

    void add(long time, Span span, Span root) {
      if (size > 0 && time < times[size - 1]) {
        time = times[size - 1]; // nanoTime is monotonic per JVM; guard anyway
      }
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        spans = Arrays.copyOf(spans, size * 2);
        roots = Arrays.copyOf(roots, size * 2);
      }
      times[size] = time;
      spans[size] = span;
      roots[size] = root;
      size++;
    }

    Hit at(long time) {
      int lo = 0;
      int hi = size - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] <= time) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found < 0 || spans[found] == null ? Hit.NONE : new Hit(spans[found], roots[found]);
    }

    /** Drops changes before {@code time}, keeping the one in force at {@code time}. */
    void prune(long time) {
      int keepFrom = 0;
      while (keepFrom + 1 < size && times[keepFrom + 1] <= time) {
        keepFrom++;
      }
      if (keepFrom == 0) {
        return;
      }
      int n = size - keepFrom;
      System.arraycopy(times, keepFrom, times, 0, n);
      System.arraycopy(spans, keepFrom, spans, 0, n);
      System.arraycopy(roots, keepFrom, roots, 0, n);
      Arrays.fill(spans, n, size, null);
      Arrays.fill(roots, n, size, null);
      size = n;
    }
  }

  private final Map<Long, History> threads = new HashMap<>();

  @Override
  public void accept(long threadId, long time, Span span, Span root) {
    threads.computeIfAbsent(threadId, id -> new History()).add(time, span, root);
  }

  /** The span thread {@code threadId} ran at {@code nanoTime}, or {@link Hit#NONE}. */
  Hit at(long threadId, long nanoTime) {
    History h = threads.get(threadId);
    return h == null ? Hit.NONE : h.at(nanoTime);
  }

  /**
   * Forgets history older than {@code nanoTime}; threads whose only remaining state is "no span"
   * are dropped entirely, so memory follows the live span activity, not the thread count ever seen.
   */
  void prune(long nanoTime) {
    threads.values().removeIf(h -> {
      h.prune(nanoTime);
      return h.size == 1 && h.spans[0] == null && h.times[0] <= nanoTime;
    });
  }

  int threadCount() {
    return threads.size();
  }
}
