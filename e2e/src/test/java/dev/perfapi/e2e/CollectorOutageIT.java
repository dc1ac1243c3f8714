package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 7: the Collector is killed (SIGKILL) under load and restarted, then Prometheus is
 * stopped and restarted. The service must not notice either beyond export warnings, and what
 * Prometheus shows must be a gap, never wrong values. The outage is 10 s in CI (two export and
 * two scrape intervals: long enough for failed exports and stale series);
 * {@code -Dperfapi.outage.seconds=30} runs the 30 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorOutageIT {
  private static final String SERVICE = "e2e-outage";
  private static final String CPU = "process_cpu_time_seconds_total{service_name=\"" + SERVICE + "\"}";
  private static final String REQUESTS =
      "http_server_request_duration_seconds_count{service_name=\"" + SERVICE + "\"}";
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("perfapi.outage.seconds", 10));

  private Stack stack;
  private ManagedProcess service;
  private Prometheus prometheus;
  private SteadyLoad load;

  @BeforeAll
  void start() throws Exception {
    stack = new Stack("outage");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    int port = Ports.free();
    service = stack.startService(SERVICE, port, Ports.free());
    load = new SteadyLoad("http://127.0.0.1:" + port + "/work/cpu?ms=5", 2);
    await("metrics of " + SERVICE).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
        .until(() -> prometheus.sum("sum(" + REQUESTS + ")") > 0
            && !prometheus.query("method_cpu_time_seconds_total{service_name=\"" + SERVICE + "\"}").isEmpty());
  }

  @AfterAll
  void stop() throws Exception {
    if (load != null) {
      load.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void collectorKilledAndRestartedLeavesAGapNotWrongValues() throws Exception {
    JvmProbe jvm = new JvmProbe(service);
    int[] before = load.countDuring(OUTAGE);
    long heapBefore = jvm.liveHeapBytes();
    double cpuBefore = prometheus.sum("sum(" + CPU + ")");
    double requestsBefore = prometheus.sum("sum(" + REQUESTS + ")");

    long killedAt = System.currentTimeMillis();
    stack.killCollector();
    int[] during = load.countDuring(OUTAGE);
    long heapDuring = jvm.liveHeapBytes();
    long restartedAt = System.currentTimeMillis();
    stack.startCollector();

    System.out.printf("measured: %d s outage; requests ok/failed %d/%d before, %d/%d during;"
        + " live heap %.1f MiB before, %.1f MiB during%n", OUTAGE.toSeconds(), before[0], before[1],
        during[0], during[1], heapBefore / 1048576.0, heapDuring / 1048576.0);
    assertThat(during[1]).as("failed requests during the outage").isZero();
    // Export runs on the SDK's own thread and drops what it cannot send: the application keeps
    // its pace (loosely: the machine is shared, so only a collapse fails this).
    assertThat(during[0]).as("requests during the outage vs before").isGreaterThan(before[0] / 2);
    // Nothing is queued for later: a failed export is dropped, so memory stays where it was.
    assertThat(heapDuring - heapBefore).as("live heap growth during the outage").isLessThan(16L << 20);

    await("metrics after the restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .until(() -> prometheus.sum("sum(" + REQUESTS + ")") > requestsBefore);
    // Cumulative counters continue from where they were: the JVM did not restart.
    assertThat(prometheus.sum("sum(" + CPU + ")")).isGreaterThan(cpuBefore);
    assertThat(prometheus.sum("sum(resets(" + CPU + "[10m]))")).isZero();
    assertThat(prometheus.sum("sum(resets(" + REQUESTS + "[10m]))")).isZero();
    assertThat(prometheus.sum("sum(resets(method_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\"}[10m]))")).isZero();
    // The outage is a gap: once the failed scrape marked the series stale (one scrape interval
    // plus the timeout), Prometheus has no value for them until the restart.
    assertThat(pointsBetween(CPU, killedAt + 10_000, restartedAt)).as("points in the gap").isZero();
    assertThat(pointsBetween(CPU, restartedAt, System.currentTimeMillis())).isPositive();
  }

  @Test
  @Order(2)
  void prometheusDownAndBackGoesUnnoticedByTheJvm() throws Exception {
    await("a full export after the collector test").pollDelay(Duration.ofSeconds(3)).until(() -> true);
    int logBefore = service.logText().length();
    stack.stopPrometheus();
    int[] during = load.countDuring(Duration.ofSeconds(10));
    String logged = service.logText().substring(logBefore);
    stack.startPrometheus();
    System.out.printf("measured: Prometheus down 10 s; requests ok/failed %d/%d; service log grew by"
        + " %d chars%n", during[0], during[1], logged.length());
    assertThat(during[1]).isZero();
    assertThat(logged).as("service log while Prometheus was down").doesNotContain("WARN", "ERROR", "perfapi");
    long restarted = System.currentTimeMillis();
    await("scrapes after the Prometheus restart").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> pointsBetween(CPU, restarted, System.currentTimeMillis()) > 0);
  }

  /** Number of raw samples of all series of {@code selector} with timestamps in (from, to] ms. */
  private int pointsBetween(String selector, long fromMillis, long toMillis) throws Exception {
    long range = Math.max(1, toMillis - fromMillis);
    // Millisecond precision: a scrape in the same second as the query must count.
    JsonNode body = Http.getJson(prometheus.baseUrl() + "/api/v1/query?query="
        + Http.encode(selector + "[" + range + "ms]") + "&time=" + (toMillis / 1000.0));
    int points = 0;
    for (JsonNode series : body.path("data").path("result")) {
      points += series.path("values").size();
    }
    return points;
  }
}
