package dev.perfapi.profiling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Self and total weight per method and span name, in one-minute buckets over the last few
 * minutes, for the REST API's hot-method queries over a window. The exported counters answer
 * the same question in Prometheus; this answers it from the JVM alone.
 *
 * <p>Bounded: each profiling period keeps at most {@link #PER_PERIOD} methods per span name (by
 * self, then by total), and each bucket at most {@code maxEntries} (span, method) entries; weight
 * that finds no room is still counted in its span's sample total, and the answer says it was cut.
 */
public final class MethodHistory {
  static final int PER_PERIOD = 200;
  private static final long MINUTE_MS = 60_000;

  private final int minutesKept;
  private final int maxEntries;
  private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();

  private static final class Bucket {
    final long minute;
    final Map<ProfileEvent, Map<String, SpanWeights>> events = new EnumMap<>(ProfileEvent.class);
    int entries;
    boolean truncated;

    Bucket(long minute) {
      this.minute = minute;
    }
  }

  private static final class SpanWeights {
    double samples;
    final Map<String, double[]> methods = new HashMap<>();
  }

  /** One method's weight over a window. */
  public static final class MethodWeight {
    public final String method;
    public final double self;
    public final double total;

    MethodWeight(String method, double self, double total) {
      this.method = method;
      this.self = self;
      this.total = total;
    }
  }

  /** The answer to one query. */
  public static final class Window {
    public final long fromMillis;
    public final long toMillis;
    public final double totalWeight;
    public final List<MethodWeight> methods;
    public final List<String> spanNames;
    public final boolean truncated;

    Window(long fromMillis, long toMillis, double totalWeight, List<MethodWeight> methods,
        List<String> spanNames, boolean truncated) {
      this.fromMillis = fromMillis;
      this.toMillis = toMillis;
      this.totalWeight = totalWeight;
      this.methods = methods;
      this.spanNames = spanNames;
      this.truncated = truncated;
    }
  }

  public MethodHistory(int minutesKept, int maxEntries) {
    this.minutesKept = minutesKept;
    this.maxEntries = maxEntries;
  }

  public int minutesKept() {
    return minutesKept;
  }

  /** Adds one period's totals of one event and span name. */
  synchronized void add(ProfileEvent event, String spanName, MethodTotals totals, long nowMillis) {
    Bucket bucket = current(nowMillis);
    SpanWeights span = bucket.events.computeIfAbsent(event, e -> new HashMap<>())
        .computeIfAbsent(spanName, n -> new SpanWeights());
    span.samples += totals.sampleWeight();
    for (MethodTotals.Entry e : kept(totals)) {
      double[] w = span.methods.get(e.method);
      if (w == null) {
        if (bucket.entries >= maxEntries) {
          bucket.truncated = true;
          continue;
        }
        w = new double[2];
        span.methods.put(e.method, w);
        bucket.entries++;
      }
      w[0] += e.self;
      w[1] += e.total;
    }
  }

  /** The hottest by self, then the hottest by total that are not already in. */
  private static List<MethodTotals.Entry> kept(MethodTotals totals) {
    List<MethodTotals.Entry> all = new ArrayList<>(totals.entries());
    if (all.size() <= PER_PERIOD) {
      return all;
    }
    List<MethodTotals.Entry> result = new ArrayList<>(PER_PERIOD);
    all.sort((a, b) -> Double.compare(b.self, a.self));
    for (MethodTotals.Entry e : all.subList(0, PER_PERIOD / 2)) {
      result.add(e);
    }
    List<MethodTotals.Entry> rest = new ArrayList<>(all.subList(PER_PERIOD / 2, all.size()));
    rest.sort((a, b) -> Double.compare(b.total, a.total));
    result.addAll(rest.subList(0, PER_PERIOD - result.size()));
    return result;
  }

  private Bucket current(long nowMillis) {
    long minute = nowMillis / MINUTE_MS;
    Bucket last = buckets.peekLast();
    if (last == null || last.minute != minute) {
      last = new Bucket(minute);
      buckets.addLast(last);
    }
    while (!buckets.isEmpty() && buckets.peekFirst().minute <= minute - minutesKept) {
      buckets.removeFirst();
    }
    return last;
  }

  /**
   * The methods of the last {@code minutes} minutes (the current one included), of one span
   * name or of all when {@code spanName} is null, sorted by self or total weight.
   */
  public synchronized Window query(ProfileEvent event, String spanName, int minutes, int limit,
      boolean byTotal, long nowMillis) {
    long minute = nowMillis / MINUTE_MS;
    long first = minute - minutes + 1;
    Map<String, double[]> merged = new HashMap<>();
    TreeSet<String> names = new TreeSet<>();
    double total = 0;
    boolean truncated = false;
    for (Iterator<Bucket> it = buckets.iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      if (b.minute < first || b.minute > minute) {
        continue;
      }
      Map<String, SpanWeights> spans = b.events.get(event);
      if (spans == null) {
        continue;
      }
      truncated |= b.truncated;
      for (Map.Entry<String, SpanWeights> s : spans.entrySet()) {
        names.add(s.getKey());
        if (spanName != null && !spanName.equals(s.getKey())) {
          continue;
        }
        total += s.getValue().samples;
        s.getValue().methods.forEach((method, w) -> {
          double[] m = merged.computeIfAbsent(method, k -> new double[2]);
          m[0] += w[0];
          m[1] += w[1];
        });
      }
    }
    List<MethodWeight> methods = new ArrayList<>();
    merged.forEach((method, w) -> methods.add(new MethodWeight(method, w[0], w[1])));
    methods.sort((a, b) -> byTotal
        ? Double.compare(b.total, a.total)
        : Double.compare(b.self, a.self));
    List<String> spanNames = new ArrayList<>(names);
    return new Window(first * MINUTE_MS, nowMillis, total,
        new ArrayList<>(methods.subList(0, Math.min(limit, methods.size()))),
        spanNames.subList(0, Math.min(100, spanNames.size())), truncated);
  }
}
