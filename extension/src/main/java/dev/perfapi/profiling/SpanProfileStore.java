package dev.perfapi.profiling;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stacks sampled during recent spans, for per-span and per-trace flame graphs. Bounded by
 * the number of spans (least recently updated evicted first), by age, by distinct stacks per span
 * and by stack entries over all spans, so memory stays flat whatever the application does; equal
 * stack strings are stored once. Thread-safe: written by the join thread, read by REST handlers.
 */
public final class SpanProfileStore {
  /** Distinct stacks kept per span and event; further ones are counted in one truncated entry. */
  static final int MAX_STACKS_PER_SPAN = 2000;
  static final String TRUNCATED = "[more stacks truncated]";
  /** Stack entries over all spans (each ~100 bytes plus the shared stack string). */
  static final int MAX_TOTAL_ENTRIES = 100_000;
  /** Estimated bytes of one stack entry besides its string (map node, boxed weight). */
  static final int ENTRY_OVERHEAD_BYTES = 100;
  /** Distinct stack strings kept for sharing between spans; the table restarts when full. */
  private static final int MAX_CANONICAL_STACKS = 20_000;

  /** One span's samples: per event, stack (root first, ';'-separated) to weight. */
  public static final class SpanProfile {
    public final String traceId;
    public final String spanId;
    public volatile String name;
    /** A local root span: its profile also holds the samples of its descendants. */
    volatile boolean isRoot;
    final Map<ProfileEvent, Map<String, Double>> stacks = new HashMap<>();
    long updatedNanos;

    SpanProfile(String traceId, String spanId, String name) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.name = name;
    }

    int entries;
    /** Estimated heap held by this span's entries, each string counted as if not shared. */
    long bytes;

    /** Returns 1 if a new stack entry was created. */
    int add(ProfileEvent event, String stack, double weight) {
      Map<String, Double> byStack = stacks.computeIfAbsent(event, e -> new HashMap<>());
      if (byStack.size() >= MAX_STACKS_PER_SPAN && !byStack.containsKey(stack)) {
        stack = TRUNCATED;
      }
      int before = byStack.size();
      byStack.merge(stack, weight, Double::sum);
      int added = byStack.size() - before;
      entries += added;
      // Deep stacks are kilobytes each: counting only entries would let them fill a small heap.
      bytes += added * (ENTRY_OVERHEAD_BYTES + (long) stack.length());
      return added;
    }
  }

  private final int maxSpans;
  private final long maxAgeNanos;
  private final long maxBytes;
  private final LinkedHashMap<String, SpanProfile> bySpan = new LinkedHashMap<>(256, 0.75f, true);
  private final Map<String, Set<String>> byTrace = new HashMap<>();
  private final Map<String, String> canonicalStacks = new HashMap<>();
  private int totalEntries;
  private long totalBytes;

  public SpanProfileStore(int maxSpans, long maxAgeNanos) {
    this(maxSpans, maxAgeNanos, Long.MAX_VALUE);
  }

  /** {@code maxBytes}: the estimated heap the stored stacks may hold (eldest spans go first). */
  public SpanProfileStore(int maxSpans, long maxAgeNanos, long maxBytes) {
    this.maxSpans = maxSpans;
    this.maxAgeNanos = maxAgeNanos;
    this.maxBytes = maxBytes;
  }

  synchronized void add(String traceId, String spanId, String name, boolean root,
      ProfileEvent event, String stack, double weight, long nowNanos) {
    if (maxSpans == 0) {
      return;
    }
    SpanProfile profile = bySpan.get(spanId);
    if (profile == null) {
      profile = new SpanProfile(traceId, spanId, name);
      bySpan.put(spanId, profile);
      byTrace.computeIfAbsent(traceId, t -> new HashSet<>()).add(spanId);
    } else if (name != null) {
      profile.name = name;
    }
    profile.isRoot |= root;
    profile.updatedNanos = nowNanos;
    long bytesBefore = profile.bytes;
    totalEntries += profile.add(event, canonical(stack), weight);
    totalBytes += profile.bytes - bytesBefore;
    evictOverflow();
  }

  private String canonical(String stack) {
    String known = canonicalStacks.get(stack);
    if (known != null) {
      return known;
    }
    if (canonicalStacks.size() >= MAX_CANONICAL_STACKS) {
      canonicalStacks.clear();
    }
    canonicalStacks.put(stack, stack);
    return stack;
  }

  /** Drops spans not updated within the age limit. */
  synchronized void expire(long nowNanos) {
    Iterator<SpanProfile> it = bySpan.values().iterator();
    while (it.hasNext()) {
      SpanProfile p = it.next();
      if (nowNanos - p.updatedNanos > maxAgeNanos) {
        it.remove();
        unindex(p);
      }
    }
  }

  private void evictOverflow() {
    Iterator<SpanProfile> it = bySpan.values().iterator();
    while ((bySpan.size() > maxSpans || totalEntries > MAX_TOTAL_ENTRIES || totalBytes > maxBytes)
        && bySpan.size() > 1
        && it.hasNext()) {
      SpanProfile eldest = it.next();
      it.remove();
      unindex(eldest);
    }
  }

  private void unindex(SpanProfile p) {
    totalEntries -= p.entries;
    totalBytes -= p.bytes;
    Set<String> spans = byTrace.get(p.traceId);
    if (spans != null) {
      spans.remove(p.spanId);
      if (spans.isEmpty()) {
        byTrace.remove(p.traceId);
      }
    }
  }

  /** Stack to weight of one span for one event (a copy), or null if the span is unknown. */
  public synchronized Map<String, Double> spanStacks(String spanId, ProfileEvent event) {
    SpanProfile p = bySpan.get(spanId);
    if (p == null) {
      return null;
    }
    return new HashMap<>(p.stacks.getOrDefault(event, new HashMap<>()));
  }

  /**
   * Stack to weight of a whole trace: the samples of its local root spans, each of which already
   * holds its children's samples. Null if the trace is unknown.
   */
  public synchronized Map<String, Double> traceStacks(String traceId, ProfileEvent event) {
    Set<String> spans = byTrace.get(traceId);
    if (spans == null) {
      return null;
    }
    Map<String, Double> merged = new HashMap<>();
    for (String spanId : spans) {
      SpanProfile p = bySpan.get(spanId);
      if (p != null && p.isRoot) {
        p.stacks.getOrDefault(event, new HashMap<>()).forEach((k, v) -> merged.merge(k, v, Double::sum));
      }
    }
    return merged;
  }

  public synchronized int size() {
    return bySpan.size();
  }

  synchronized long estimatedBytes() {
    return totalBytes;
  }
}
