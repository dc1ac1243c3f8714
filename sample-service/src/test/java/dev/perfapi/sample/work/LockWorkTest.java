package dev.perfapi.sample.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Callers of {@link LockWork} really block on one shared monitor and say so. */
class LockWorkTest {

  @Test
  void uncontendedCallDoesNotBlock() {
    LockWork.Result result = new LockWork().run(1);
    assertThat(result.blockedCount()).isZero();
    assertThat(result.contended()).isFalse();
  }

  @Test
  void secondCallerBlocksOnTheSharedMonitor() throws InterruptedException {
    LockWork work = new LockWork();
    AtomicReference<LockWork.Result> second = new AtomicReference<>();
    Thread waiter = new Thread(() -> second.set(work.run(1)), "lock-waiter");
    // This thread plays the first caller: it holds the monitor until the waiter is seen BLOCKED on it.
    synchronized (work.monitor()) {
      waiter.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.BLOCKED);
    }
    waiter.join(30_000);
    assertThat(second.get()).isNotNull();
    assertThat(second.get().blockedCount()).isGreaterThanOrEqualTo(1);
    assertThat(second.get().contended()).isTrue();
    assertThat(second.get().waitedMs()).isPositive();
  }
}
