package dev.perfapi.methods;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic timings of methods the user names (the cProfile role): every call is measured,
 * not sampled. The agent's own method instrumentation ({@code otel.instrumentation.methods.include},
 * which {@code otel.perfapi.methods.include} feeds) wraps each named method in a span; this
 * processor turns every such span into one {@code method.invocation.duration} histogram
 * measurement by {@code code.function.name}, so call counts and latency percentiles of a pinned
 * method are in Prometheus without any code change.
 */
public final class MethodTimings implements SpanProcessor {
  /** The instrumentation scope of the agent's method instrumentation. */
  static final String METHODS_SCOPE = "io.opentelemetry.methods";
  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> OLD_FUNCTION = AttributeKey.stringKey("code.function");
  private static final AttributeKey<String> OLD_NAMESPACE = AttributeKey.stringKey("code.namespace");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
  /** Bounds the attribute sets: a method list is finite, but spans could name anything. */
  private static final int MAX_METHODS = 500;
  private static final List<Double> BUCKETS = Arrays.asList(
      0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1.0, 2.5, 5.0, 10.0);

  private final Map<String, Attributes[]> attributes = new ConcurrentHashMap<>();
  private volatile DoubleHistogram histogram;

  /** Called once the agent's meter provider exists; spans ending before that are not counted. */
  public void start(Meter meter) {
    histogram = meter.histogramBuilder("method.invocation.duration").setUnit("s")
        .setDescription("Duration of each call of the methods named in otel.perfapi.methods.include"
            + " (measured, not sampled); the count is the number of calls.")
        .setExplicitBucketBoundariesAdvice(BUCKETS).build();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    DoubleHistogram h = histogram;
    if (h == null || !METHODS_SCOPE.equals(span.getInstrumentationScopeInfo().getName())) {
      return;
    }
    String function = functionOf(span);
    Attributes[] attrs = attributes.get(function);
    if (attrs == null) {
      if (attributes.size() >= MAX_METHODS) {
        function = "other";
      }
      attrs = attributes.computeIfAbsent(function, f -> new Attributes[] {
          Attributes.of(FUNCTION, f), Attributes.of(FUNCTION, f, ERROR, "exception")});
    }
    boolean failed = span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
    h.record(span.getLatencyNanos() / 1e9, failed ? attrs[1] : attrs[0]);
  }

  static String functionOf(ReadableSpan span) {
    String function = span.getAttribute(FUNCTION);
    if (function != null && function.indexOf('.') > 0) {
      return function;
    }
    String namespace = span.getAttribute(OLD_NAMESPACE);
    String method = function != null ? function : span.getAttribute(OLD_FUNCTION);
    if (namespace != null && method != null) {
      return namespace + "." + method;
    }
    return span.getName();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Adds {@code ours} to the agent's method instrumentation list (both use its grammar). */
  public static String mergeInclude(String existing, String ours) {
    if (ours == null || ours.trim().isEmpty()) {
      return existing;
    }
    return existing == null || existing.trim().isEmpty() ? ours.trim() : existing.trim() + ";" + ours.trim();
  }
}
