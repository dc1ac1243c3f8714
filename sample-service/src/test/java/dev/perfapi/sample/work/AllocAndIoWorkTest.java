package dev.perfapi.sample.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocAndIoWorkTest {

  @Test
  void churnReallyAllocatesTheRequestedMegabytes() {
    AllocWork.Result result = new AllocWork().run(4);
    assertThat(result.payloadMb()).isGreaterThanOrEqualTo(4.0);
    assertThat(result.allocatedMb()).isGreaterThanOrEqualTo(4.0); // measured by the JVM for this thread
    assertThat(result.arrays()).isGreaterThan(100);
    assertThat(result.method().method()).isEqualTo("AllocWork.churn");
  }

  @Test
  void ioBlocksOffCpuUntilTheDelayedEchoArrives() throws Exception {
    DelayedEchoServer server = new DelayedEchoServer();
    try {
      IoWork work = new IoWork(server);
      IoWork.Result result = work.run(100);
      assertThat(result.bytesRead()).isEqualTo(8);
      assertThat(result.method().method()).isEqualTo("IoWork.blockingRead");
      // The server replies no sooner than 100 ms after the request was sent (a lower bound, cannot flake) ...
      assertThat(result.waitedMs()).isGreaterThanOrEqualTo(100.0);
      // ... and the reading thread spent that time blocked, not burning CPU.
      assertThat(result.method().cpuMs()).isLessThan(50.0);
    } finally {
      server.destroy();
    }
  }
}
