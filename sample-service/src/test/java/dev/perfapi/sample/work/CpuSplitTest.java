package dev.perfapi.sample.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfapi.sample.support.ThreadStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CPU split of {@code /work/cpu} holds in thread CPU time: measured from outside, around the whole call,
 * and per method. Only thread CPU time is asserted (never wall time), so a loaded machine cannot flake it.
 */
class CpuSplitTest {

  private static final int MS = 200;
  private static final CpuWork WORK = new CpuWork();

  @BeforeAll
  static void warmUp() {
    for (int i = 0; i < 5; i++) {
      WORK.run(20);
    }
  }

  @Test
  void splitIs70To30InThreadCpuTime() {
    long hash = 0;
    long sort = 0;
    for (int round = 0; round < 3; round++) {
      long before = ThreadStats.cpuNanos();
      CpuWork.Result result = WORK.run(MS);
      long outside = ThreadStats.cpuNanos() - before;

      MethodCpu hashLoop = result.methods().get(0);
      MethodCpu sortLoop = result.methods().get(1);
      assertThat(hashLoop.method()).isEqualTo("CpuWork.hashLoop");
      assertThat(sortLoop.method()).isEqualTo("CpuWork.sortLoop");

      // The budget is consumed, barely exceeded, and the two methods account for the whole call.
      long inside = hashLoop.cpuNanos() + sortLoop.cpuNanos();
      assertThat(inside).isGreaterThanOrEqualTo(MS * 1_000_000L);
      assertThat((double) inside).isCloseTo(MS * 1_000_000.0, within(MS * 1_000_000.0 * 0.05));
      assertThat((double) inside).isCloseTo(outside, within(outside * 0.02));

      // Per request: 70/30 within 2 percentage points.
      assertThat(hashLoop.share()).isCloseTo(0.70, within(0.02));
      assertThat(sortLoop.share()).isCloseTo(0.30, within(0.02));
      assertThat(result.checksum()).isNotZero();
      hash += hashLoop.cpuNanos();
      sort += sortLoop.cpuNanos();
    }
    assertThat((double) hash / (hash + sort)).isCloseTo(0.70, within(0.01));
  }

  @Test
  void eachLoopStopsRightAfterItsOwnCpuBudget() {
    long budget = 50_000_000L;
    long c0 = ThreadStats.cpuNanos();
    WORK.hashLoop(budget, 42);
    long c1 = ThreadStats.cpuNanos();
    WORK.sortLoop(budget, 42);
    long c2 = ThreadStats.cpuNanos();
    assertThat(c1 - c0).isBetween(budget, budget + budget / 20);
    assertThat(c2 - c1).isBetween(budget, budget + budget / 20);
  }

  @Test
  void spinBurnsItsBudgetInItsOwnMethod() {
    SpinWork spin = new SpinWork();
    spin.run(10);
    SpinWork.Result result = spin.run(100);
    assertThat(result.method().method()).isEqualTo("SpinWork.spin");
    assertThat(result.method().cpuNanos()).isBetween(100_000_000L, 105_000_000L);
    assertThat(result.checksum()).isNotZero();
  }
}
