package dev.perfapi.config;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Drops spans started on the extension's own threads (its REST server, which the agent's JDK
 * HTTP server instrumentation would otherwise trace, and its collection and profiling threads):
 * the tool must not show up as an endpoint of the application it watches. Everything else goes
 * to the configured sampler.
 */
final class OwnThreadsSampler implements Sampler {
  static final String THREAD_PREFIX = "perfapi-";

  private final Sampler delegate;

  OwnThreadsSampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name,
      SpanKind spanKind, Attributes attributes, List<LinkData> parentLinks) {
    if (Thread.currentThread().getName().startsWith(THREAD_PREFIX)) {
      return SamplingResult.drop();
    }
    return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "PerfApiOwnThreads{" + delegate.getDescription() + "}";
  }
}
