package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7: a 64 MiB heap under load on every workload (allocation-heavy included) with all
 * profiling events on. The extension must never be the cause of an OutOfMemoryError.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmallHeapIT {
  private static final String SERVICE = "e2e-small-heap";

  private Stack stack;
  private Prometheus prometheus;
  private ManagedProcess service;
  private int port;

  @BeforeAll
  void start() throws Exception {
    stack = new Stack("small-heap");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    port = Ports.free();
    // The last -Xmx wins over the harness's 256m.
    service = stack.startService(SERVICE, port, Ports.free(), "-Xmx64m");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void loadOnASmallHeapCausesNoOutOfMemoryError() throws Exception {
    List<SteadyLoad> loads = new ArrayList<>();
    for (String path : List.of("/work/cpu?ms=5", "/work/alloc?mb=8", "/work/pool?ms=5",
        "/work/async?ms=5", "/work/lock?ms=2")) {
      loads.add(new SteadyLoad("http://127.0.0.1:" + port + path, 1));
    }
    // Long enough for many profiling periods (2 s each) to fill the per-span store.
    Thread.sleep(30_000);
    int ok = 0;
    int failed = 0;
    for (SteadyLoad load : loads) {
      load.close();
      ok += load.ok.get();
      failed += load.failed.get();
    }
    long liveHeap = new JvmProbe(service).liveHeapBytes();
    System.out.printf("measured: -Xmx64m, 30 s of load, %d requests ok, %d failed, live heap after load %.1f MiB%n",
        ok, failed, liveHeap / 1048576.0);
    assertThat(service.isAlive()).isTrue();
    assertThat(service.logText()).doesNotContain("OutOfMemoryError");
    assertThat(failed).isZero();
    assertThat(ok).isPositive();
    await("metrics of " + SERVICE).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          assertThat(prometheus.sum("sum(perfapi_collector_success{service_name=\"" + SERVICE
              + "\",perfapi_collector=~\"cpu|process\"})")).isEqualTo(2);
          assertThat(prometheus.sum("sum(method_allocation_size_bytes_total{service_name=\"" + SERVICE
              + "\",span_name=\"GET /work/alloc\"})")).isPositive();
        });
  }
}
