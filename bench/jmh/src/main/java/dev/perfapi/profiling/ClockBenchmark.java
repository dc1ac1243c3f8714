package dev.perfapi.profiling;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The clock read the activation wrapper makes on every span change. Its price depends on the
 * machine (a fast vDSO read on bare metal, far slower in some VMs), and it explains most of
 * {@link ActivationBenchmark}'s difference between {@code plain} and {@code perfapi}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ClockBenchmark {
  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }
}
