package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.MemInfo;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.procfs.VmStat;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Swap space ({@code system.paging.usage}/{@code .utilization} by {@code system.paging.state}),
 * page faults ({@code system.paging.faults} by {@code system.paging.fault.type}) and swap
 * traffic ({@code system.paging.operations} by {@code system.paging.direction}, in pages), from
 * /proc/meminfo and /proc/vmstat (OSHI 6 has no fault counters).
 */
final class PagingMetrics implements MetricFamily {
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("system.paging.state");
  static final AttributeKey<String> FAULT_TYPE = AttributeKey.stringKey("system.paging.fault.type");
  private static final AttributeKey<String> DIRECTION =
      AttributeKey.stringKey("system.paging.direction");
  private static final Attributes USED = Attributes.of(STATE, "used");
  private static final Attributes FREE = Attributes.of(STATE, "free");
  static final Attributes MAJOR = Attributes.of(FAULT_TYPE, "major");
  static final Attributes MINOR = Attributes.of(FAULT_TYPE, "minor");
  private static final Attributes IN = Attributes.of(DIRECTION, "in");
  private static final Attributes OUT = Attributes.of(DIRECTION, "out");

  private final ProcFiles proc;
  private volatile MemInfo memInfo;
  private volatile VmStat vmStat;

  PagingMetrics(ProcFiles proc) {
    this.proc = proc;
  }

  @Override
  public String name() {
    return "paging";
  }

  @Override
  public void refresh() throws IOException {
    MemInfo mi = MemInfo.parse(proc.lines("meminfo"));
    VmStat vm = VmStat.parse(proc.lines("vmstat"));
    if (mi.isEmpty() && vm.pageFaults < 0) {
      throw new IOException("neither meminfo nor vmstat readable under " + proc.root());
    }
    memInfo = mi.isEmpty() ? null : mi;
    vmStat = vm;
  }

  @Override
  public void reset() {
    memInfo = null;
    vmStat = null;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.upDownCounterBuilder("system.paging.usage").setUnit("By")
            .setDescription("Swap space in use and free.")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null) {
                m.record(mi.swapTotal - mi.swapFree, USED);
                m.record(mi.swapFree, FREE);
              }
            }));
    handles.add(
        meter.gaugeBuilder("system.paging.utilization").setUnit("1")
            .setDescription("Share of swap space in use and free (0..1); absent without swap.")
            .buildWithCallback(m -> {
              MemInfo mi = memInfo;
              if (mi != null && mi.swapTotal > 0) {
                m.record((double) (mi.swapTotal - mi.swapFree) / mi.swapTotal, USED);
                m.record((double) mi.swapFree / mi.swapTotal, FREE);
              }
            }));
    handles.add(
        meter.counterBuilder("system.paging.faults").setUnit("{fault}")
            .setDescription("Page faults: major ones needed disk I/O, minor ones did not.")
            .buildWithCallback(m -> {
              VmStat vm = vmStat;
              if (vm != null && vm.majorFaults >= 0 && vm.minorFaults() >= 0) {
                m.record(vm.majorFaults, MAJOR);
                m.record(vm.minorFaults(), MINOR);
              }
            }));
    handles.add(
        meter.counterBuilder("system.paging.operations").setUnit("{operation}")
            .setDescription("Pages swapped in from and out to swap devices.")
            .buildWithCallback(m -> {
              VmStat vm = vmStat;
              if (vm != null && vm.swapIn >= 0 && vm.swapOut >= 0) {
                m.record(vm.swapIn, IN);
                m.record(vm.swapOut, OUT);
              }
            }));
    return handles;
  }
}
