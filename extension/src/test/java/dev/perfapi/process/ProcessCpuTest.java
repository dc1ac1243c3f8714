package dev.perfapi.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void fourBusyThreadsOnEightCpusIsHalfNotFourHundredPercent() {
    // Case P01: 4 threads busy for 1 s -> 4000 ms of CPU in 1 s of wall time.
    ProcessCpu cpu = new ProcessCpu();
    assertThat(cpu.update(10_000, 1_000, 0, 8)).isNull();
    double[] u = cpu.update(13_600, 1_400, 1_000_000_000L, 8);
    assertThat(u[0] + u[1]).isCloseTo(0.5, within(1e-9));
    assertThat(u[0]).isCloseTo(3600.0 / 8000, within(1e-9));
  }

  @Test
  void neverAboveOne() {
    ProcessCpu cpu = new ProcessCpu();
    cpu.update(0, 0, 0, 2);
    // tick accounting overshoot: 2100 ms of CPU in 1 s on 2 CPUs
    double[] u = cpu.update(2000, 100, 1_000_000_000L, 2);
    assertThat(u[0] + u[1]).isLessThanOrEqualTo(1.0);
  }

  @Test
  void scaledOvershootIsNotAboveOneByARoundingError() {
    // Found when ProcessMetricsTest failed with 1.0000000000000002: these deltas, scaled by
    // their sum, gave two quotients adding up to just above 1.
    ProcessCpu cpu = new ProcessCpu();
    cpu.update(0, 0, 0, 2);
    double[] u = cpu.update(2132, 2742, 1_995_596_186L, 2);
    assertThat(u[0] + u[1]).isLessThanOrEqualTo(1.0);
  }

  @Test
  void noWallTimeNoPoint() {
    ProcessCpu cpu = new ProcessCpu();
    cpu.update(0, 0, 5, 2);
    assertThat(cpu.update(10, 0, 5, 2)).isNull();
  }
}
