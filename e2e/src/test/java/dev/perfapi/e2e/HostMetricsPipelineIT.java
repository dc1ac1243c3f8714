package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 2 end to end: the sample service with the real agent and our extension exports OTLP to
 * our Collector; Debian's Prometheus scrapes it; every assertion goes through Prometheus's API
 * and is cross-checked with the kernel's own figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostMetricsPipelineIT {
  private static final String SERVICE = "e2e-service";
  private static final String SELECT = "{service_name=\"" + SERVICE + "\"}";

  /** Every metric of the issue, as the Collector names it for Prometheus, with its labels. */
  static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("system_cpu_time_seconds_total", List.of("cpu_mode"));
    EXPECTED.put("system_cpu_utilization_ratio", List.of("cpu_mode"));
    EXPECTED.put("system_cpu_logical_count", List.of());
    EXPECTED.put("system_memory_usage_bytes", List.of("system_memory_state"));
    EXPECTED.put("system_memory_utilization_ratio", List.of("system_memory_state"));
    EXPECTED.put("system_memory_limit_bytes", List.of());
    EXPECTED.put("system_paging_usage_bytes", List.of("system_paging_state"));
    EXPECTED.put("system_paging_faults_total", List.of("system_paging_fault_type"));
    EXPECTED.put("system_paging_operations_total", List.of("system_paging_direction"));
    EXPECTED.put("system_disk_io_bytes_total", List.of("system_device", "disk_io_direction"));
    EXPECTED.put("system_disk_operations_total", List.of("system_device", "disk_io_direction"));
    EXPECTED.put("system_disk_io_time_seconds_total", List.of("system_device"));
    EXPECTED.put("system_disk_operation_time_seconds_total", List.of("system_device", "disk_io_direction"));
    EXPECTED.put("system_network_io_bytes_total", List.of("network_interface_name", "network_io_direction"));
    EXPECTED.put("system_network_packet_count_total", List.of("network_interface_name", "network_io_direction"));
    EXPECTED.put("system_network_errors_total", List.of("network_interface_name", "network_io_direction"));
    EXPECTED.put("system_network_packet_dropped_total", List.of("network_interface_name", "network_io_direction"));
    EXPECTED.put("system_filesystem_usage_bytes", List.of("system_device", "system_filesystem_state",
        "system_filesystem_mountpoint", "system_filesystem_type"));
    EXPECTED.put("system_filesystem_utilization_ratio", List.of("system_filesystem_mountpoint"));
    EXPECTED.put("system_cpu_load_average_1m", List.of());
    EXPECTED.put("system_cpu_load_average_5m", List.of());
    EXPECTED.put("system_cpu_load_average_15m", List.of());
    EXPECTED.put("system_process_count", List.of("process_state"));
    EXPECTED.put("system_process_created_total", List.of());
    EXPECTED.put("system_uptime_seconds", List.of());
    EXPECTED.put("process_cpu_time_seconds_total", List.of("cpu_mode"));
    EXPECTED.put("process_cpu_utilization_ratio", List.of("cpu_mode"));
    EXPECTED.put("process_memory_usage_bytes", List.of());
    EXPECTED.put("process_memory_virtual_bytes", List.of());
    EXPECTED.put("process_thread_count", List.of());
    EXPECTED.put("process_unix_file_descriptor_count", List.of());
    EXPECTED.put("process_context_switches_total", List.of("process_context_switch_type"));
    EXPECTED.put("process_disk_io_bytes_total", List.of("disk_io_direction"));
    EXPECTED.put("process_paging_faults_total", List.of("system_paging_fault_type"));
    EXPECTED.put("process_uptime_seconds", List.of());
    EXPECTED.put("perfapi_collector_success", List.of("perfapi_collector"));
  }

  private Stack stack;
  private Prometheus prometheus;
  private ManagedProcess service;
  private int servicePort;

  @BeforeAll
  void startStack() throws Exception {
    stack = new Stack("host-metrics");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    servicePort = Ports.free();
    service = stack.startService(SERVICE, servicePort, Ports.free());
    await("our metrics of " + SERVICE + " in Prometheus").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> !prometheus.query("process_cpu_utilization_ratio" + SELECT).isEmpty());
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void everyMetricIsInPrometheusWithItsLabels() throws Exception {
    await("every metric family").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
            List<JsonNode> series = prometheus.series(e.getKey() + SELECT);
            assertThat(series).as(e.getKey()).isNotEmpty();
            for (JsonNode s : series) {
              assertThat(s.has("host_name")).as(e.getKey() + " host_name").isTrue();
              assertThat(s.has("service_instance_id")).as(e.getKey() + " service_instance_id").isTrue();
              for (String label : e.getValue()) {
                assertThat(s.has(label)).as(e.getKey() + " label " + label + " in " + s).isTrue();
              }
            }
          }
        });
  }

  /**
   * Case P07: the names and types Prometheus sees for our instruments, as translated by the
   * Collector version we ship, are pinned in a golden file that the dashboards are written
   * against. Run with -Dperfapi.golden.update=true to rewrite it after a deliberate change.
   */
  @Test
  @Order(2)
  void prometheusNamesMatchTheGoldenFile() throws Exception {
    String exposition = Http.get("http://127.0.0.1:" + stack.collectorPromPort + "/metrics").body();
    java.util.TreeSet<String> actual = new java.util.TreeSet<>();
    for (String line : exposition.split("\n")) {
      String[] parts = line.split(" ");
      if (line.startsWith("# TYPE ") && parts[2].matches("(system|process|perfapi)_.*")) {
        actual.add(parts[2] + " " + parts[3]);
      }
    }
    // Present only on hosts with swap.
    java.util.Set<String> conditional = java.util.Set.of("system_paging_utilization_ratio gauge");
    java.nio.file.Path golden = Stack.ROOT.resolve("e2e/src/test/resources/golden/prometheus-names.txt");
    if (Boolean.getBoolean("perfapi.golden.update")) {
      java.util.TreeSet<String> all = new java.util.TreeSet<>(actual);
      all.addAll(conditional);
      Files.createDirectories(golden.getParent());
      Files.write(golden, all);
    }
    java.util.Set<String> expected = new java.util.TreeSet<>(Files.readAllLines(golden));
    assertThat(expected).as("names in the golden file").containsAll(actual);
    java.util.Set<String> required = new java.util.TreeSet<>(expected);
    required.removeAll(conditional);
    assertThat(actual).containsAll(required);
    for (String name : EXPECTED.keySet()) {
      assertThat(actual).as(name).anyMatch(line -> line.startsWith(name + " "));
    }
  }

  @Test
  @Order(3)
  void valuesAgreeWithTheKernel() throws Exception {
    long memTotal = Kernel.meminfo("MemTotal");
    double memoryStates = prometheus.sum("system_memory_usage_bytes" + SELECT);
    assertThat(memoryStates).isCloseTo(memTotal, within(memTotal * 0.01));
    assertThat(prometheus.scalar("system_memory_limit_bytes" + SELECT)).isEqualTo(memTotal);

    assertThat(prometheus.scalar("system_cpu_logical_count" + SELECT)).isEqualTo(Kernel.nproc());

    // RSS and threads move: compare with a /proc reading taken right after a fresh export.
    Thread.sleep(4000);
    Map<String, Long> status = Kernel.procStatus(service.pid());
    double rss = prometheus.scalar("process_memory_usage_bytes" + SELECT);
    assertThat(rss).isCloseTo(status.get("VmRSS"), within(status.get("VmRSS") * 0.10));
    double threads = prometheus.scalar("process_thread_count" + SELECT);
    assertThat(threads).isCloseTo(status.get("Threads"), within(5.0));

    assertThat(prometheus.sum("system_process_count" + SELECT)).isPositive();
    assertThat(prometheus.query("system_process_count{service_name=\"" + SERVICE
        + "\",process_state=\"running\"}")).hasSize(1);
    // utilization never above 1 (cases P01, P03)
    assertThat(prometheus.sum("sum(system_cpu_utilization_ratio" + SELECT + ")")).isLessThanOrEqualTo(1.0001);
    assertThat(prometheus.sum("sum(process_cpu_utilization_ratio" + SELECT + ")")).isBetween(0.0, 1.0);
  }

  @Test
  @Order(4)
  void cpuCountersIncreaseUnderLoad() throws Exception {
    double processBefore = prometheus.sum("process_cpu_time_seconds_total" + SELECT);
    double hostBefore = prometheus.sum("system_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\",cpu_mode=\"user\"}");
    Load load = Load.run("http://127.0.0.1:" + servicePort + "/work/cpu?ms=20", 2, 300);
    assertThat(load.failed.get()).isZero();
    await("CPU counters to grow").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          // 300 requests x 20 ms of CPU = 6 s of CPU at least
          assertThat(prometheus.sum("process_cpu_time_seconds_total" + SELECT))
              .isGreaterThan(processBefore + 4.0);
          assertThat(prometheus.sum("system_cpu_time_seconds_total{service_name=\"" + SERVICE
              + "\",cpu_mode=\"user\"}")).isGreaterThan(hostBefore + 4.0);
        });
  }

  @Test
  @Order(5)
  void extensionDisabledByPropertyEmitsNoneOfOurMetrics() throws Exception {
    String disabled = "e2e-disabled";
    int port = Ports.free();
    ManagedProcess other = stack.startService(disabled, port, Ports.free(), "-Dotel.perfapi.enabled=false");
    Load.run("http://127.0.0.1:" + port + "/work/cpu?ms=1", 1, 20);
    // The agent's own metrics of that service arrive, so the pipeline works for it...
    await("agent metrics of " + disabled).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .until(() -> !prometheus.query("{service_name=\"" + disabled + "\",__name__=~\"jvm_.*\"}").isEmpty());
    Thread.sleep(5000);
    // ...and none of ours do.
    assertThat(prometheus.query("{service_name=\"" + disabled
        + "\",__name__=~\"(system|process|perfapi)_.*\"}")).isEmpty();
    assertThat(other.logText()).contains("perfapi: the extension is disabled by configuration");
    other.close();
  }

  @Test
  @Order(6)
  void serviceKeepsAnsweringWithTheCollectorDown() throws Exception {
    stack.stopCollector();
    Load load = Load.run("http://127.0.0.1:" + servicePort + "/work/cpu?ms=1", 2, 200);
    assertThat(load.ok.get()).isEqualTo(200);
    assertThat(load.failed.get()).isZero();
    Thread.sleep(5000); // at least two export attempts against the dead Collector
    assertThat(Http.status("http://127.0.0.1:" + servicePort + "/healthz")).isEqualTo(200);
    assertThat(service.isAlive()).isTrue();
    assertThat(service.logText()).doesNotContain("perfapi: collector '");
  }

}
