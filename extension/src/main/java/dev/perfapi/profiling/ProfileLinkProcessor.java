package dev.perfapi.profiling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Puts the address of its profile on every local root span (a request entering this JVM), so a
 * trace viewer leads from the span to the flame graph of exactly that request: attribute
 * {@code perfapi.profile.url}. The profile holds the samples of the span and of everything that
 * ran on its behalf, on any thread.
 */
final class ProfileLinkProcessor implements SpanProcessor {
  static final AttributeKey<String> PROFILE_URL = AttributeKey.stringKey("perfapi.profile.url");

  private final String baseUrl;

  ProfileLinkProcessor(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (!parent.isValid() || parent.isRemote()) {
      span.setAttribute(PROFILE_URL,
          baseUrl + "/api/v1/spans/" + span.getSpanContext().getSpanId() + "/profile");
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
