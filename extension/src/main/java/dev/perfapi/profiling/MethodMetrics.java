package dev.perfapi.profiling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code method.cpu.time}, {@code method.wall.time}, {@code method.allocation.size} and
 * {@code method.lock.wait.time} by {@code span.name} (the local root span, i.e. the endpoint),
 * {@code code.function.name} and {@code method.time.scope} (self | total).
 *
 * <p>Synchronous counters, recorded once per profiling period inside the context of a span that
 * contributed, so the SDK attaches that span's trace id as an exemplar (metric to trace).
 * Cardinality is capped: past {@code maxSeries} distinct series, new ones go to one overflow
 * series ({@code span.name} and {@code code.function.name} = {@code other}).
 */
final class MethodMetrics {
  static final String OTHER = "other";
  static final String NO_SPAN = "(no span)";
  static final AttributeKey<String> SPAN_NAME = AttributeKey.stringKey("span.name");
  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> SCOPE = AttributeKey.stringKey("method.time.scope");

  private final Map<ProfileEvent, DoubleCounter> counters = new EnumMap<>(ProfileEvent.class);
  /** Per metric: each of the four method metrics has at most maxSeries series (+2 overflow). */
  private final Map<ProfileEvent, Set<Attributes>> series = new EnumMap<>(ProfileEvent.class);
  private final int maxSeries;
  private final int topK;
  private long overflowed;

  MethodMetrics(Meter meter, int topK, int maxSeries) {
    this.topK = topK;
    this.maxSeries = maxSeries;
    for (ProfileEvent event : ProfileEvent.values()) {
      counters.put(event, meter.counterBuilder(event.metricName).ofDoubles().setUnit(event.unit)
          .setDescription(event.description).build());
    }
  }

  /** Records one period's totals of one event for one span name. */
  void record(ProfileEvent event, String spanName, MethodTotals totals) {
    DoubleCounter counter = counters.get(event);
    for (boolean self : new boolean[] {true, false}) {
      for (MethodTotals.Entry e : totals.top(topK, self)) {
        double value = self ? e.self : e.total;
        if (value <= 0) {
          continue;
        }
        Attributes attributes = bounded(event, Attributes.of(SPAN_NAME, spanName,
            FUNCTION, e.method, SCOPE, self ? "self" : "total"));
        counter.add(value, attributes, exemplarContext(e.exemplar));
      }
    }
  }

  private Attributes bounded(ProfileEvent event, Attributes attributes) {
    Set<Attributes> known = series.computeIfAbsent(event, e -> new HashSet<>());
    if (known.contains(attributes)) {
      return attributes;
    }
    if (known.size() < maxSeries) {
      known.add(attributes);
      return attributes;
    }
    overflowed++;
    return Attributes.of(SPAN_NAME, OTHER, FUNCTION, OTHER, SCOPE, attributes.get(SCOPE));
  }

  long overflowed() {
    return overflowed;
  }

  private static Context exemplarContext(SpanContext span) {
    return span == null || !span.isValid()
        ? Context.root()
        : Context.root().with(Span.wrap(span));
  }
}
