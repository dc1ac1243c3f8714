package dev.perfapi.profiling;

import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Self and total (inclusive) weight per method for one event and one span name, over one
 * profiling period, with one contributing span per method to serve as the exemplar.
 *
 * <p>Self is the topmost Java frame (time in native code below Java counts to the Java method
 * that called it); total counts each method once per sample however often it recurses.
 */
final class MethodTotals {
  static final class Entry {
    final String method;
    double self;
    double total;
    SpanContext exemplar;

    Entry(String method) {
      this.method = method;
    }
  }

  private final Map<String, Entry> methods = new HashMap<>();
  private final Set<String> seen = new HashSet<>();

  void add(String[] frames, double weight, SpanContext span) {
    if (frames.length == 0) {
      return;
    }
    seen.clear();
    for (int i = 0; i < frames.length; i++) {
      if (!seen.add(frames[i])) {
        continue;
      }
      Entry e = methods.computeIfAbsent(frames[i], Entry::new);
      e.total += weight;
      if (i == 0) {
        e.self += weight;
      }
      if (span != null) {
        e.exemplar = span;
      }
    }
  }

  /** Every method seen this period, unordered. */
  java.util.Collection<Entry> entries() {
    return methods.values();
  }

  /** The weight of all samples added: each sample has exactly one topmost frame. */
  double sampleWeight() {
    double sum = 0;
    for (Entry e : methods.values()) {
      sum += e.self;
    }
    return sum;
  }

  boolean isEmpty() {
    return methods.isEmpty();
  }

  /**
   * The {@code k} methods with the most self weight, with everything else folded into one entry
   * named {@code other}, so the self series of a span add up to all its samples.
   *
   * <p>For the total scope the same hot methods are reported with their inclusive weight. Ranking
   * by inclusive weight instead would fill the top K with the frames every sample of the span
   * runs under (the thread's run loop, the server, the framework's dispatch), which only restate
   * the span's duration; and inclusive weights overlap, so their rest has no meaningful sum.
   */
  List<Entry> top(int k, boolean bySelf) {
    List<Entry> all = new ArrayList<>(methods.values());
    all.removeIf(e -> e.self <= 0);
    all.sort((a, b) -> Double.compare(b.self, a.self));
    if (!bySelf) {
      return all.size() <= k ? all : new ArrayList<>(all.subList(0, k));
    }
    if (all.size() <= k) {
      return all;
    }
    Entry other = new Entry(MethodMetrics.OTHER);
    for (Entry e : all.subList(k, all.size())) {
      other.self += e.self;
      other.total += e.total;
      if (other.exemplar == null) {
        other.exemplar = e.exemplar;
      }
    }
    List<Entry> result = new ArrayList<>(all.subList(0, k));
    result.add(other);
    return result;
  }
}
