package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * {@code system.cpu.time}, {@code system.cpu.utilization} by {@code cpu.mode} (per logical CPU
 * when enabled), {@code system.cpu.logical.count} and {@code system.cpu.physical.count}, from
 * OSHI's tick counters (milliseconds, read from /proc/stat on Linux).
 */
final class CpuMetrics implements MetricFamily {
  static final AttributeKey<String> CPU_MODE = AttributeKey.stringKey("cpu.mode");
  static final AttributeKey<Long> CPU_NUMBER = AttributeKey.longKey("cpu.logical_number");

  /**
   * Semantic-convention modes. OSHI's IRQ and SOFTIRQ both become {@code interrupt} (the
   * convention has one interrupt mode); guest time is already inside user time in /proc/stat.
   */
  static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "interrupt", "steal"};

  private final Oshi oshi;
  /** Per-CPU series are always read (the REST API shows them) and exported only if enabled. */
  private final boolean exportPerCpu;
  private final Attributes[] modeAttributes = new Attributes[MODES.length];
  private final CpuTimeAccumulator total = new CpuTimeAccumulator(MODES.length);
  private CpuTimeAccumulator[] perCpuAccumulators = new CpuTimeAccumulator[0];
  private volatile Attributes[][] perCpuAttributes = new Attributes[0][];
  private volatile Snapshot snapshot;

  private static final class Snapshot {
    final double[] seconds;
    final double[] utilization;
    final double[][] perCpuSeconds;
    final double[][] perCpuUtilization;
    final long logical;
    final long physical;

    Snapshot(double[] seconds, double[] utilization, double[][] perCpuSeconds,
        double[][] perCpuUtilization, long logical, long physical) {
      this.seconds = seconds;
      this.utilization = utilization;
      this.perCpuSeconds = perCpuSeconds;
      this.perCpuUtilization = perCpuUtilization;
      this.logical = logical;
      this.physical = physical;
    }
  }

  CpuMetrics(Oshi oshi, boolean perCpu) {
    this.oshi = oshi;
    this.exportPerCpu = perCpu;
    for (int i = 0; i < MODES.length; i++) {
      modeAttributes[i] = Attributes.of(CPU_MODE, MODES[i]);
    }
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public void refresh() {
    CentralProcessor processor = oshi.hardware().getProcessor();
    total.update(toModes(processor.getSystemCpuLoadTicks()));
    long[][] ticks = processor.getProcessorCpuLoadTicks();
    ensurePerCpu(ticks.length);
    double[][] cpuSeconds = new double[ticks.length][];
    double[][] cpuUtilization = new double[ticks.length][];
    for (int cpu = 0; cpu < ticks.length; cpu++) {
      perCpuAccumulators[cpu].update(toModes(ticks[cpu]));
      cpuSeconds[cpu] = secondsOf(perCpuAccumulators[cpu]);
      cpuUtilization[cpu] = perCpuAccumulators[cpu].utilization();
    }
    snapshot =
        new Snapshot(secondsOf(total), total.utilization(), cpuSeconds, cpuUtilization,
            processor.getLogicalProcessorCount(), processor.getPhysicalProcessorCount());
  }

  /** Folds OSHI's eight tick types into the convention's modes (pure; visible for tests). */
  static long[] toModes(long[] ticks) {
    return new long[] {
      ticks[TickType.USER.getIndex()],
      ticks[TickType.NICE.getIndex()],
      ticks[TickType.SYSTEM.getIndex()],
      ticks[TickType.IDLE.getIndex()],
      ticks[TickType.IOWAIT.getIndex()],
      ticks[TickType.IRQ.getIndex()] + ticks[TickType.SOFTIRQ.getIndex()],
      ticks[TickType.STEAL.getIndex()]
    };
  }

  private static double[] secondsOf(CpuTimeAccumulator accumulator) {
    double[] s = new double[MODES.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = accumulator.seconds(i);
    }
    return s;
  }

  private void ensurePerCpu(int cpus) {
    if (perCpuAccumulators.length == cpus) {
      return;
    }
    // The set of CPUs changed (hot-plug): restart per-CPU accounting from the next reading.
    perCpuAccumulators = new CpuTimeAccumulator[cpus];
    perCpuAttributes = new Attributes[cpus][MODES.length];
    for (int cpu = 0; cpu < cpus; cpu++) {
      perCpuAccumulators[cpu] = new CpuTimeAccumulator(MODES.length);
      for (int m = 0; m < MODES.length; m++) {
        perCpuAttributes[cpu][m] = Attributes.of(CPU_MODE, MODES[m], CPU_NUMBER, (long) cpu);
      }
    }
  }

  @Override
  public void reset() {
    snapshot = null;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    return register(meter, exportPerCpu);
  }

  @Override
  public List<AutoCloseable> registerSnapshot(Meter meter) {
    return register(meter, true);
  }

  private List<AutoCloseable> register(Meter meter, boolean perCpu) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.counterBuilder("system.cpu.time").ofDoubles().setUnit("s")
            .setDescription("Seconds each logical CPU spent on each mode.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s == null) {
                return;
              }
              for (int i = 0; i < MODES.length; i++) {
                m.record(s.seconds[i], modeAttributes[i]);
              }
              if (perCpu && s.perCpuSeconds != null) {
                Attributes[][] attrs = perCpuAttributes;
                for (int cpu = 0; cpu < s.perCpuSeconds.length && cpu < attrs.length; cpu++) {
                  for (int i = 0; i < MODES.length; i++) {
                    m.record(s.perCpuSeconds[cpu][i], attrs[cpu][i]);
                  }
                }
              }
            }));
    handles.add(
        meter.gaugeBuilder("system.cpu.utilization").setUnit("1")
            .setDescription("Share of CPU time in each mode over the last collection interval,"
                + " across all logical CPUs (0..1).")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s == null || s.utilization == null) {
                return;
              }
              for (int i = 0; i < MODES.length; i++) {
                m.record(s.utilization[i], modeAttributes[i]);
              }
              if (perCpu && s.perCpuUtilization != null) {
                Attributes[][] attrs = perCpuAttributes;
                for (int cpu = 0; cpu < s.perCpuUtilization.length && cpu < attrs.length; cpu++) {
                  if (s.perCpuUtilization[cpu] != null) {
                    for (int i = 0; i < MODES.length; i++) {
                      m.record(s.perCpuUtilization[cpu][i], attrs[cpu][i]);
                    }
                  }
                }
              }
            }));
    handles.add(
        meter.upDownCounterBuilder("system.cpu.logical.count").setUnit("{cpu}")
            .setDescription("Logical CPUs (hardware threads) of the host.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.logical);
              }
            }));
    handles.add(
        meter.upDownCounterBuilder("system.cpu.physical.count").setUnit("{cpu}")
            .setDescription("Physical CPU cores of the host.")
            .buildWithCallback(m -> {
              Snapshot s = snapshot;
              if (s != null) {
                m.record(s.physical);
              }
            }));
    return handles;
  }
}
