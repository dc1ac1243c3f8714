package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.procfs.ProcFiles;
import java.util.ArrayList;
import java.util.List;

/** The host metric families, each switchable by {@code otel.perfapi.host.collectors.disabled}. */
public final class HostMetrics {
  private HostMetrics() {}

  /** Families refreshed at the host interval. */
  public static List<MetricFamily> families(PerfApiConfig config, Oshi oshi, ProcFiles proc) {
    List<MetricFamily> all = new ArrayList<>();
    all.add(new CpuMetrics(oshi, config.perCpuEnabled));
    all.add(new MemoryMetrics(proc));
    all.add(new PagingMetrics(proc));
    all.add(new DiskMetrics(proc, config.sysRoot, config.excludedDisks,
        config.diskPartitionsEnabled, config.maxDevices));
    all.add(new NetworkMetrics(proc, config.excludedInterfaces, config.maxDevices));
    all.add(new FilesystemMetrics(proc, config.excludedFsTypes, config.excludedMountpoints,
        config.maxDevices));
    all.add(new LoadMetrics(oshi));
    all.removeIf(f -> !config.collectorEnabled(f.name()));
    return all;
  }

  /** The process-state scan, refreshed at {@code otel.perfapi.host.processes.interval}. */
  public static List<MetricFamily> slowFamilies(PerfApiConfig config, ProcFiles proc) {
    List<MetricFamily> all = new ArrayList<>();
    if (config.collectorEnabled("processes")) {
      all.add(new ProcessCountMetrics(proc));
    }
    return all;
  }
}
