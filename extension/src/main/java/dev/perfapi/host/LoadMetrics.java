package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * Load averages {@code system.cpu.load_average.1m|5m|15m} (the names of the Collector's
 * hostmetrics receiver; the conventions define none) and {@code system.uptime}, from OSHI.
 */
final class LoadMetrics implements MetricFamily {
  private static final String[] WINDOWS = {"1m", "5m", "15m"};

  private final Oshi oshi;
  private volatile double[] load;
  private volatile double uptimeSeconds = -1;

  LoadMetrics(Oshi oshi) {
    this.oshi = oshi;
  }

  @Override
  public String name() {
    return "load";
  }

  @Override
  public void refresh() {
    double[] averages = oshi.hardware().getProcessor().getSystemLoadAverage(3);
    // OSHI returns negative values where the platform has no load average.
    load = averages.length == 3 && averages[0] >= 0 ? averages : null;
    uptimeSeconds = oshi.os().getSystemUptime();
  }

  @Override
  public void reset() {
    load = null;
    uptimeSeconds = -1;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    for (int i = 0; i < WINDOWS.length; i++) {
      int index = i;
      handles.add(
          meter.gaugeBuilder("system.cpu.load_average." + WINDOWS[i]).setUnit("{thread}")
              .setDescription("Average number of runnable and uninterruptible tasks over "
                  + WINDOWS[i] + "; compare with system.cpu.logical.count.")
              .buildWithCallback(m -> {
                double[] l = load;
                if (l != null) {
                  m.record(l[index]);
                }
              }));
    }
    handles.add(
        meter.gaugeBuilder("system.uptime").setUnit("s")
            .setDescription("Time since the host booted.")
            .buildWithCallback(m -> {
              double u = uptimeSeconds;
              if (u >= 0) {
                m.record(u);
              }
            }));
    return handles;
  }
}
