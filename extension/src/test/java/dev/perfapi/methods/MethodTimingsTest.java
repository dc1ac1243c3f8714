package dev.perfapi.methods;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

class MethodTimingsTest {
  @Test
  void everyCallOfAnIncludedMethodIsOneMeasurement() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    MethodTimings timings = new MethodTimings();
    timings.start(meters.get("test"));
    SdkTracerProvider tracers = SdkTracerProvider.builder().addSpanProcessor(timings).build();

    for (int i = 0; i < 5; i++) {
      Span span = tracers.get(MethodTimings.METHODS_SCOPE).spanBuilder("Foo.bar")
          .setAttribute(AttributeKey.stringKey("code.namespace"), "com.example.Foo")
          .setAttribute(AttributeKey.stringKey("code.function"), "bar").startSpan();
      if (i == 0) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
    // spans of other instrumentations are not method timings
    tracers.get("io.opentelemetry.tomcat").spanBuilder("GET /x").startSpan().end();

    MetricData metric = reader.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("method.invocation.duration")).findFirst().orElseThrow();
    assertThat(metric.getUnit()).isEqualTo("s");
    long calls = metric.getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount).sum();
    assertThat(calls).isEqualTo(5);
    assertThat(metric.getHistogramData().getPoints()).allSatisfy(p ->
        assertThat(p.getAttributes().get(MethodTimings.FUNCTION)).isEqualTo("com.example.Foo.bar"));
    assertThat(metric.getHistogramData().getPoints()).anySatisfy(p ->
        assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("exception"));
  }

  @Test
  void includeListsMerge() {
    assertThat(MethodTimings.mergeInclude(null, "a.B[c]")).isEqualTo("a.B[c]");
    assertThat(MethodTimings.mergeInclude("x.Y[z]", "a.B[c]")).isEqualTo("x.Y[z];a.B[c]");
    assertThat(MethodTimings.mergeInclude("x.Y[z]", " ")).isEqualTo("x.Y[z]");
  }
}
