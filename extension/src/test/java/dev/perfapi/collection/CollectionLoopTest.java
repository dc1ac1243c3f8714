package dev.perfapi.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CollectionLoopTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final Meter meter = provider.get("test");

  /** A family that fails with a LinkageError, as OSHI does when JNA cannot load. */
  private static final class Broken implements MetricFamily {
    final AtomicInteger resets = new AtomicInteger();

    public String name() {
      return "broken";
    }

    public void refresh() {
      throw new UnsatisfiedLinkError("no jnidispatch in noexec /tmp");
    }

    public void reset() {
      resets.incrementAndGet();
    }

    public List<AutoCloseable> register(Meter meter) {
      return Collections.emptyList();
    }
  }

  private static final class Healthy implements MetricFamily {
    final AtomicInteger refreshes = new AtomicInteger();

    public String name() {
      return "healthy";
    }

    public void refresh() {
      refreshes.incrementAndGet();
    }

    public void reset() {}

    public List<AutoCloseable> register(Meter meter) {
      return Collections.singletonList(meter.gaugeBuilder("healthy.value").buildWithCallback(
          m -> m.record(refreshes.get())));
    }
  }

  @Test
  void aFailingFamilyCostsOnlyItsOwnData() throws Exception {
    Broken broken = new Broken();
    Healthy healthy = new Healthy();
    java.util.Collection<MetricData> metrics;
    try (CollectionLoop loop = new CollectionLoop(meter)) {
      loop.schedule(broken, Duration.ofMillis(50), meter);
      loop.schedule(healthy, Duration.ofMillis(50), meter);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (healthy.refreshes.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      metrics = reader.collectAllMetrics();
    }
    assertThat(healthy.refreshes.get()).isGreaterThanOrEqualTo(3);
    assertThat(broken.resets.get()).isPositive();
    MetricData success = metrics.stream()
        .filter(m -> m.getName().equals("perfapi.collector.success")).findFirst().orElseThrow();
    assertThat(success.getLongGaugeData().getPoints()).anySatisfy(p -> {
      assertThat(p.getAttributes().get(AttributeKey.stringKey("perfapi.collector"))).isEqualTo("broken");
      assertThat(((LongPointData) p).getValue()).isZero();
    });
    assertThat(success.getLongGaugeData().getPoints()).anySatisfy(p -> {
      assertThat(p.getAttributes().get(AttributeKey.stringKey("perfapi.collector"))).isEqualTo("healthy");
      assertThat(p.getValue()).isEqualTo(1);
    });
  }
}
