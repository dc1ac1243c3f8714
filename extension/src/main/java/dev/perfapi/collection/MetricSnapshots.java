package dev.perfapi.collection;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private, pull-only meter provider beside the agent's: every family registers its instruments
 * here too, so the REST API reads exactly the figures (names, units, attributes) that are exported,
 * on request, without a second code path per family.
 */
public final class MetricSnapshots implements AutoCloseable {
  private final PullReader reader = new PullReader();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();

  /** The meter of one family; its instrumentation scope name is the family name. */
  public Meter meter(String family) {
    return provider.get(family);
  }

  /** Collects every instrument now, grouped by family, families in name order. */
  public Map<String, List<MetricData>> collect() {
    Map<String, List<MetricData>> byFamily = new java.util.TreeMap<>();
    for (MetricData data : reader.collect()) {
      byFamily.computeIfAbsent(data.getInstrumentationScopeInfo().getName(),
          k -> new ArrayList<>()).add(data);
    }
    byFamily.values().forEach(list -> list.sort((a, b) -> a.getName().compareTo(b.getName())));
    return new LinkedHashMap<>(byFamily);
  }

  @Override
  public void close() {
    provider.close();
  }

  private static final class PullReader implements MetricReader {
    private volatile CollectionRegistration registration;

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    Collection<MetricData> collect() {
      CollectionRegistration r = registration;
      return r == null ? java.util.Collections.emptyList() : r.collectAllMetrics();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
