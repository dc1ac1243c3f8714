package dev.perfapi.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CpuTimeAccumulatorTest {
  private static final int IOWAIT = 4;

  @Test
  void iowaitGoingDownKeepsEverySeriesMonotonic() {
    // Case P03: two /proc/stat readings where iowait falls by 5 ticks (50 ms at USER_HZ=100).
    CpuTimeAccumulator acc = new CpuTimeAccumulator(CpuMetrics.MODES.length);
    acc.update(new long[] {1000, 0, 500, 8000, 300, 20, 0});
    double[] before = seconds(acc);
    acc.update(new long[] {1600, 0, 700, 8900, 250, 40, 0});
    double[] after = seconds(acc);

    for (int i = 0; i < before.length; i++) {
      assertThat(after[i]).as(CpuMetrics.MODES[i]).isGreaterThanOrEqualTo(before[i]);
    }
    assertThat(after[IOWAIT]).isEqualTo(before[IOWAIT]);
    double[] util = acc.utilization();
    assertThat(Arrays.stream(util).boxed()).allSatisfy(u -> assertThat(u).isBetween(0.0, 1.0));
    assertThat(Arrays.stream(util).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(util[IOWAIT]).isZero();
    // the other modes share the 1720 ms that did pass: user 600 of them
    assertThat(util[0]).isCloseTo(600.0 / 1720, within(1e-9));
  }

  @Test
  void noTicksBetweenReadingsGivesNoUtilizationRatherThanZero() {
    // Case P02: polling faster than the tick cache.
    CpuTimeAccumulator acc = new CpuTimeAccumulator(CpuMetrics.MODES.length);
    long[] ticks = {1000, 0, 500, 8000, 300, 20, 0};
    acc.update(ticks);
    acc.update(ticks.clone());
    assertThat(acc.utilization()).isNull();
  }

  @Test
  void firstReadingHasTimeButNoUtilization() {
    CpuTimeAccumulator acc = new CpuTimeAccumulator(CpuMetrics.MODES.length);
    acc.update(new long[] {1500, 0, 0, 0, 0, 0, 0});
    assertThat(acc.seconds(0)).isEqualTo(1.5);
    assertThat(acc.utilization()).isNull();
  }

  @Test
  void irqAndSoftirqFoldIntoInterrupt() {
    // OSHI order: user nice system idle iowait irq softirq steal
    long[] modes = CpuMetrics.toModes(new long[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(modes).containsExactly(1, 2, 3, 4, 5, 13, 8);
  }

  private static double[] seconds(CpuTimeAccumulator acc) {
    double[] s = new double[CpuMetrics.MODES.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = acc.seconds(i);
    }
    return s;
  }
}
