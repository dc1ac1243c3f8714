package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.MemInfo;
import dev.perfapi.procfs.ProcFiles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code system.memory.usage} and {@code system.memory.utilization} by
 * {@code system.memory.state} (used, free, buffers, cached: a partition of MemTotal, with "used"
 * as in procps-ng 4 {@code free}; see {@link MemInfo}), {@code system.memory.limit},
 * {@code system.memory.linux.available} and {@code system.memory.linux.shared}.
 *
 * <p>Read from /proc/meminfo directly: OSHI 6 exposes only total and available, which cannot
 * give the buffers/cached split.
 */
final class MemoryMetrics implements MetricFamily {
  static final AttributeKey<String> STATE = AttributeKey.stringKey("system.memory.state");
  private static final Attributes USED = Attributes.of(STATE, "used");
  private static final Attributes FREE = Attributes.of(STATE, "free");
  private static final Attributes BUFFERS = Attributes.of(STATE, "buffers");
  private static final Attributes CACHED = Attributes.of(STATE, "cached");

  private final ProcFiles proc;
  private volatile MemInfo memInfo;

  MemoryMetrics(ProcFiles proc) {
    this.proc = proc;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public void refresh() throws IOException {
    MemInfo read = MemInfo.parse(proc.lines("meminfo"));
    if (read.isEmpty()) {
      throw new IOException("no MemTotal in " + proc.resolve("meminfo"));
    }
    memInfo = read;
  }

  @Override
  public void reset() {
    memInfo = null;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.upDownCounterBuilder("system.memory.usage").setUnit("By")
            .setDescription("Memory in each state; the states add up to system.memory.limit."
                + " used = MemTotal - MemAvailable (as free(1) of procps-ng 4), cached ="
                + " reclaimable cache (MemAvailable - MemFree - Buffers).")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null) {
                m.record(mi.used, USED);
                m.record(mi.free, FREE);
                m.record(mi.buffers, BUFFERS);
                m.record(mi.cached, CACHED);
              }
            }));
    handles.add(
        meter.gaugeBuilder("system.memory.utilization").setUnit("1")
            .setDescription("Share of memory in each state (0..1).")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null) {
                double total = mi.total;
                m.record(mi.used / total, USED);
                m.record(mi.free / total, FREE);
                m.record(mi.buffers / total, BUFFERS);
                m.record(mi.cached / total, CACHED);
              }
            }));
    handles.add(
        meter.upDownCounterBuilder("system.memory.limit").setUnit("By")
            .setDescription("Total usable memory of the host (MemTotal).")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null) {
                m.record(mi.total);
              }
            }));
    handles.add(
        meter.upDownCounterBuilder("system.memory.linux.available").setUnit("By")
            .setDescription("The kernel's estimate of memory available to new work without"
                + " swapping (MemAvailable).")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null && mi.available >= 0) {
                m.record(mi.available);
              }
            }));
    handles.add(
        meter.upDownCounterBuilder("system.memory.linux.shared").setUnit("By")
            .setDescription("Shared memory (Shmem: tmpfs and shared anonymous memory), counted"
                + " inside 'cached'.")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null) {
                m.record(mi.shared);
              }
            }));
    return handles;
  }
}
