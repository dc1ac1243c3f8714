package dev.perfapi.process;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import dev.perfapi.procfs.ContextSwitchCounter;
import dev.perfapi.procfs.ProcFiles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Metrics of the JVM's own process: CPU time and utilization by {@code cpu.mode}, RSS, virtual
 * size, threads, open file descriptors, context switches by {@code process.context_switch.type},
 * storage I/O by {@code disk.io.direction}, page faults and uptime.
 *
 * <p>One OSHI {@link OSProcess} is kept and refreshed with {@code updateAttributes()} instead of
 * listing all processes (case P15). Context switches come from {@link ContextSwitchCounter}
 * because OSHI 6 reports the main thread's only.
 */
public final class ProcessMetrics implements MetricFamily {
  private static final AttributeKey<String> CPU_MODE = AttributeKey.stringKey("cpu.mode");
  private static final AttributeKey<String> SWITCH_TYPE =
      AttributeKey.stringKey("process.context_switch.type");
  private static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("disk.io.direction");
  private static final AttributeKey<String> FAULT_TYPE =
      AttributeKey.stringKey("system.paging.fault.type");
  private static final Attributes USER = Attributes.of(CPU_MODE, "user");
  private static final Attributes SYSTEM = Attributes.of(CPU_MODE, "system");
  private static final Attributes VOLUNTARY = Attributes.of(SWITCH_TYPE, "voluntary");
  private static final Attributes INVOLUNTARY = Attributes.of(SWITCH_TYPE, "involuntary");
  private static final Attributes READ = Attributes.of(DIRECTION, "read");
  private static final Attributes WRITE = Attributes.of(DIRECTION, "write");
  private static final Attributes MAJOR = Attributes.of(FAULT_TYPE, "major");
  private static final Attributes MINOR = Attributes.of(FAULT_TYPE, "minor");

  private final Oshi oshi;
  private final ProcFiles proc;
  private OSProcess self;
  private ContextSwitchCounter contextSwitches;
  private ProcessCpu cpu;
  private volatile Snapshot snapshot;

  /** One consistent reading of the process, published to the callbacks as a whole. */
  static final class Snapshot {
    long userMillis;
    long systemMillis;
    double[] utilization;
    long rss;
    long virtual;
    long threads;
    long openFiles;
    long voluntarySwitches = -1;
    long involuntarySwitches = -1;
    long bytesRead;
    long bytesWritten;
    long minorFaults;
    long majorFaults;
    double uptimeSeconds;
  }

  public ProcessMetrics(Oshi oshi, ProcFiles proc) {
    this.oshi = oshi;
    this.proc = proc;
  }

  @Override
  public String name() {
    return "process";
  }

  @Override
  public void refresh() throws Exception {
    if (self == null) {
      OperatingSystem os = oshi.os();
      self = os.getProcess(os.getProcessId());
      if (self == null) {
        throw new IllegalStateException("OSHI cannot see its own process " + os.getProcessId());
      }
      contextSwitches = new ContextSwitchCounter(proc, self.getProcessID());
      cpu = new ProcessCpu();
    } else if (!self.updateAttributes()) {
      throw new IllegalStateException("OSHI could not refresh process " + self.getProcessID());
    }
    Snapshot s = new Snapshot();
    s.userMillis = self.getUserTime();
    s.systemMillis = self.getKernelTime();
    s.utilization = cpu.update(s.userMillis, s.systemMillis, System.nanoTime(),
        Runtime.getRuntime().availableProcessors());
    s.rss = self.getResidentSetSize();
    s.virtual = self.getVirtualSize();
    s.threads = self.getThreadCount();
    s.openFiles = self.getOpenFiles();
    s.bytesRead = self.getBytesRead();
    s.bytesWritten = self.getBytesWritten();
    s.minorFaults = self.getMinorFaults();
    s.majorFaults = self.getMajorFaults();
    s.uptimeSeconds = self.getUpTime() / 1000.0;
    try {
      contextSwitches.refresh();
      s.voluntarySwitches = contextSwitches.voluntary();
      s.involuntarySwitches = contextSwitches.involuntary();
    } catch (IOException e) {
      // no /proc (not Linux): no context-switch points, the rest stands
    }
    snapshot = s;
  }

  @Override
  public void reset() {
    snapshot = null;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.counterBuilder("process.cpu.time").ofDoubles().setUnit("s")
            .setDescription("CPU seconds used by this process, all threads, by mode.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.userMillis / 1000.0, USER);
                m.record(s.systemMillis / 1000.0, SYSTEM);
              }
            }));
    handles.add(
        meter.gaugeBuilder("process.cpu.utilization").setUnit("1")
            .setDescription("CPU used by this process over the last collection interval, as a"
                + " share of the CPUs available to it (0..1).")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null && s.utilization != null) {
                m.record(s.utilization[0], USER);
                m.record(s.utilization[1], SYSTEM);
              }
            }));
    handles.add(gauge(meter, "process.memory.usage", "By",
        "Resident set size: physical memory of this process.", s -> s.rss));
    handles.add(gauge(meter, "process.memory.virtual", "By",
        "Virtual memory size of this process.", s -> s.virtual));
    handles.add(gauge(meter, "process.thread.count", "{thread}",
        "Threads of this process.", s -> s.threads));
    handles.add(gauge(meter, "process.unix.file_descriptor.count", "{file_descriptor}",
        "Open file descriptors of this process.", s -> s.openFiles));
    handles.add(
        meter.counterBuilder("process.context_switches").setUnit("{context_switch}")
            .setDescription("Context switches of all threads of this process, by type.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null && s.voluntarySwitches >= 0) {
                m.record(s.voluntarySwitches, VOLUNTARY);
                m.record(s.involuntarySwitches, INVOLUNTARY);
              }
            }));
    handles.add(
        meter.counterBuilder("process.disk.io").setUnit("By")
            .setDescription("Bytes this process read from and wrote to storage.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.bytesRead, READ);
                m.record(s.bytesWritten, WRITE);
              }
            }));
    handles.add(
        meter.counterBuilder("process.paging.faults").setUnit("{fault}")
            .setDescription("Page faults of this process, by type.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.majorFaults, MAJOR);
                m.record(s.minorFaults, MINOR);
              }
            }));
    handles.add(
        meter.gaugeBuilder("process.uptime").setUnit("s")
            .setDescription("Time since this process started.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.uptimeSeconds);
              }
            }));
    return handles;
  }

  private AutoCloseable gauge(Meter meter, String name, String unit, String description,
      ToLongFunction<Snapshot> value) {
    return meter.upDownCounterBuilder(name).setUnit(unit).setDescription(description)
        .buildWithCallback(m -> {
          Snapshot s = snapshot;
          if (s != null) {
            m.record(value.applyAsLong(s));
          }
        });
  }
}
