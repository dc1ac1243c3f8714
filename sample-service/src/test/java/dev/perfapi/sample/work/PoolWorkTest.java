package dev.perfapi.sample.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Pool and async work really run on the application's {@code work-pool-N} threads, with the known split. */
class PoolWorkTest {

  private static final WorkPool POOL = new WorkPool(2, 16);

  @AfterAll
  static void shutDown() throws InterruptedException {
    POOL.destroy();
  }

  @Test
  void crunchRunsOnAWorkPoolThread() {
    PoolWork work = new PoolWork(POOL);
    PoolWork.Result result = work.run(20);
    assertThat(result.requestThread()).doesNotStartWith(WorkPool.THREAD_PREFIX);
    assertThat(result.pool().method().method()).isEqualTo("PoolWork.crunch");
    assertThat(result.pool().method().thread()).matches("work-pool-\\d+");
    assertThat(result.pool().method().cpuNanos()).isGreaterThanOrEqualTo(20_000_000L);
  }

  @Test
  void asyncStagesRunOnWorkPoolThreadsSplit60To40() {
    AsyncWork work = new AsyncWork(POOL);
    work.run(20);
    AsyncWork.Result result = work.run(200);
    assertThat(result.stages()).hasSize(2);
    AsyncWork.Stage first = result.stages().get(0);
    AsyncWork.Stage second = result.stages().get(1);
    assertThat(first.method().method()).isEqualTo("AsyncWork.firstStage");
    assertThat(second.method().method()).isEqualTo("AsyncWork.secondStage");
    assertThat(first.method().thread()).matches("work-pool-\\d+");
    assertThat(second.method().thread()).matches("work-pool-\\d+");
    double total = first.method().cpuNanos() + second.method().cpuNanos();
    assertThat(total).isGreaterThanOrEqualTo(200_000_000.0);
    assertThat(first.method().cpuNanos() / total).isCloseTo(0.60, within(0.02));
  }
}
