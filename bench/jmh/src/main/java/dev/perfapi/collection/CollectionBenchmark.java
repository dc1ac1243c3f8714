package dev.perfapi.collection;

import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.host.HostMetrics;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.process.ProcessMetrics;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One collection cycle of the background thread, with the default configuration: every host
 * family refreshed at the host interval plus the JVM's own process family
 * ({@code hostAndProcessCycle}), and the process-state scan that runs at its own, longer
 * interval ({@code processStateScan}). Run with {@code -prof gc} for the bytes allocated per
 * cycle ({@code gc.alloc.rate.norm}). Reads this machine's real /proc, /sys and OSHI.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class CollectionBenchmark {
  private final List<MetricFamily> cycle = new ArrayList<>();
  private final List<MetricFamily> slow = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    PerfApiConfig config = PerfApiConfig.from(DefaultConfigProperties.createFromMap(Map.of()));
    Oshi oshi = new Oshi();
    ProcFiles proc = new ProcFiles(config.procRoot);
    cycle.addAll(HostMetrics.families(config, oshi, proc));
    cycle.add(new ProcessMetrics(oshi, proc));
    slow.addAll(HostMetrics.slowFamilies(config, proc));
    // The first refresh loads OSHI and JNA and primes the deltas: not part of a steady cycle.
    hostAndProcessCycle();
    processStateScan();
  }

  @Benchmark
  public void hostAndProcessCycle() throws Exception {
    for (MetricFamily family : cycle) {
      family.refresh();
    }
  }

  @Benchmark
  public void processStateScan() throws Exception {
    for (MetricFamily family : slow) {
      family.refresh();
    }
  }
}
