package dev.perfapi.testing;

import dev.perfapi.collection.MetricFamily;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs one family against a real SDK meter provider and reads what it exported. */
public final class FamilyHarness implements AutoCloseable {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final MetricFamily family;
  private final List<AutoCloseable> handles;

  public FamilyHarness(MetricFamily family) {
    this.family = family;
    this.handles = family.register(provider.get("test"));
  }

  public FamilyHarness refresh() throws Exception {
    family.refresh();
    return this;
  }

  public Map<String, MetricData> collect() {
    Collection<MetricData> all = reader.collectAllMetrics();
    return all.stream().collect(Collectors.toMap(MetricData::getName, m -> m));
  }

  /** Sum over all points of a long or double metric. */
  public static double sum(MetricData metric) {
    return points(metric).stream().mapToDouble(FamilyHarness::value).sum();
  }

  /** The value of the point whose attribute {@code key} equals {@code value}. */
  public static double valueWhere(MetricData metric, String key, String value) {
    return points(metric).stream()
        .filter(p -> value.equals(p.getAttributes().get(AttributeKey.stringKey(key))))
        .mapToDouble(FamilyHarness::value)
        .sum();
  }

  public static List<? extends PointData> points(MetricData metric) {
    return List.copyOf(metric.getData().getPoints());
  }

  public static double value(PointData p) {
    if (p instanceof io.opentelemetry.sdk.metrics.data.LongPointData) {
      return ((io.opentelemetry.sdk.metrics.data.LongPointData) p).getValue();
    }
    return ((io.opentelemetry.sdk.metrics.data.DoublePointData) p).getValue();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable h : handles) {
      h.close();
    }
    provider.close();
  }
}
