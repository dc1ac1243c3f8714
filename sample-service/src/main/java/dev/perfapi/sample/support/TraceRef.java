package dev.perfapi.sample.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace and span that are current on the calling thread, as the OpenTelemetry agent sees them. Reported by
 * the endpoints (also from pool threads) so that context propagation is visible and e2e tests can correlate a
 * response with its trace. Without the agent the API is a no-op and {@link #current()} returns {@code null}.
 */
public record TraceRef(String traceId, String spanId) {

  public static TraceRef current() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? new TraceRef(context.getTraceId(), context.getSpanId()) : null;
  }
}
