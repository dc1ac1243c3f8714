package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import org.junit.jupiter.api.Test;

class MethodMetricsTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();

  private MetricData cpu() {
    Collection<MetricData> all = reader.collectAllMetrics();
    return all.stream().filter(m -> m.getName().equals("method.cpu.time")).findFirst().orElseThrow();
  }

  @Test
  void aFloodOfSpanNamesAndMethodsStaysUnderTheCapWithNothingLost() {
    MethodMetrics metrics = new MethodMetrics(provider.get("test"), 5, 100);
    double recorded = 0;
    for (int span = 0; span < 1000; span++) {
      MethodTotals totals = new MethodTotals();
      for (int m = 0; m < 50; m++) {
        totals.add(new String[] {"m" + span + "_" + m}, 0.01, null);
        recorded += 0.01;
      }
      metrics.record(ProfileEvent.CPU, "span-" + span, totals);
    }
    MetricData cpu = cpu();
    // the cap plus one overflow series per scope
    assertThat(cpu.getDoubleSumData().getPoints().size()).isLessThanOrEqualTo(102);
    assertThat(metrics.overflowed()).isPositive();
    double selfSum = cpu.getDoubleSumData().getPoints().stream()
        .filter(p -> "self".equals(p.getAttributes().get(MethodMetrics.SCOPE)))
        .mapToDouble(DoublePointData::getValue).sum();
    assertThat(selfSum).isCloseTo(recorded, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void exemplarCarriesTheContributingTrace() {
    MethodMetrics metrics = new MethodMetrics(provider.get("test"), 5, 100);
    SpanContext span = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "00000000000000a1",
        TraceFlags.getSampled(), TraceState.getDefault());
    MethodTotals totals = new MethodTotals();
    totals.add(new String[] {"a.B.c"}, 0.5, span);
    metrics.record(ProfileEvent.CPU, "GET /x", totals);
    assertThat(cpu().getDoubleSumData().getPoints()).anySatisfy(p ->
        assertThat(p.getExemplars()).anySatisfy(e ->
            assertThat(e.getSpanContext().getTraceId()).isEqualTo(span.getTraceId())));
  }
}
