package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 3 end to end: span-linked method timings from the real async-profiler in the sample
 * service, through our Collector to Prometheus, checked against workloads with a known split.
 * All figures are estimates (samples x interval); the assertions are on shares, not on time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilingPipelineIT {
  private static final String SERVICE = "e2e-profiled";
  private static final String WORK = "dev.perfapi.sample.work.";
  private static final String HASH = WORK + "CpuWork.hashLoop";
  private static final String SORT = WORK + "CpuWork.sortLoop";
  private static final String SPIN = WORK + "SpinWork.spin";
  private static final String CRUNCH = WORK + "PoolWork.crunch";

  private Stack stack;
  private ManagedProcess service;
  private Prometheus prometheus;
  private int servicePort;
  private int restPort;

  @BeforeAll
  void startStackAndRunKnownWorkloads() throws Exception {
    stack = new Stack("profiling");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    servicePort = Ports.free();
    restPort = Ports.free();
    // Spans also go to the log, where the test reads the profile link each local root carries.
    service = stack.startService(SERVICE, servicePort, restPort,
        "-Dotel.perfapi.methods.include=dev.perfapi.sample.work.CpuWork[hashLoop]",
        "-Dotel.traces.exporter=otlp,logging");
    // Three endpoints at once on different threads: a 70/30 split, a third method, and a hop
    // onto the application's thread pool. ~10 s of CPU each: ~1000 samples per endpoint.
    List<Thread> loads = new ArrayList<>();
    Map<String, Load> results = new HashMap<>();
    for (String endpoint : new String[] {"cpu", "spin", "pool"}) {
      Thread t = new Thread(() -> {
        try {
          results.put(endpoint, Load.run(url("/work/" + endpoint + "?ms=50"), 1, 200));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      loads.add(t);
      t.start();
    }
    for (Thread t : loads) {
      t.join();
    }
    results.forEach((endpoint, load) -> assertThat(load.failed.get()).as(endpoint).isZero());
    await("method timings of " + SERVICE).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .until(() -> selfSeconds("GET /work/pool", CRUNCH) > 5 && selfSeconds("GET /work/cpu", SORT) > 1.5);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void cpuSplitMatchesTheDesignedSeventyThirty() throws Exception {
    double hash = selfSeconds("GET /work/cpu", HASH);
    double sort = selfSeconds("GET /work/cpu", SORT);
    double share = hash / (hash + sort);
    System.out.printf("measured: GET /work/cpu hashLoop %.2f s, sortLoop %.2f s (estimates), share %.3f%n",
        hash, sort, share);
    assertThat(share).as("hashLoop share of GET /work/cpu (hash %.2fs, sort %.2fs)", hash, sort)
        .isBetween(0.65, 0.75);
  }

  @Test
  void hotMethodOfTheCpuEndpointIsOnTop() throws Exception {
    List<JsonNode> top = prometheus.query("topk(1, sum by (code_function_name) (method_cpu_time_seconds_total{"
        + "service_name=\"" + SERVICE + "\",span_name=\"GET /work/cpu\",method_time_scope=\"self\"}))");
    assertThat(top).hasSize(1);
    assertThat(top.get(0).path("metric").path("code_function_name").asText()).isEqualTo(HASH);
    // Inclusive time names the endpoint's own methods, not the server frames every sample shares.
    double hashTotal = prometheus.sum("sum(method_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\",span_name=\"GET /work/cpu\",code_function_name=\"" + HASH
        + "\",method_time_scope=\"total\"})");
    assertThat(hashTotal).isGreaterThanOrEqualTo(selfSeconds("GET /work/cpu", HASH));
  }

  @Test
  void samplesLandOnTheRightSpan() throws Exception {
    // Under 2 % of each endpoint's designed method samples may land on another endpoint.
    double spinRight = selfSeconds("GET /work/spin", SPIN);
    double spinWrong = selfSeconds("GET /work/cpu", SPIN) + selfSeconds("GET /work/pool", SPIN);
    System.out.printf("measured: SpinWork.spin %.2f s on its span, %.2f s elsewhere%n", spinRight, spinWrong);
    assertThat(spinWrong / (spinRight + spinWrong)).isLessThan(0.02);
    double cpuRight = selfSeconds("GET /work/cpu", HASH) + selfSeconds("GET /work/cpu", SORT);
    double cpuWrong = selfSeconds("GET /work/spin", HASH) + selfSeconds("GET /work/spin", SORT)
        + selfSeconds("GET /work/pool", HASH) + selfSeconds("GET /work/pool", SORT);
    System.out.printf("measured: CpuWork %.2f s on its span, %.2f s elsewhere%n", cpuRight, cpuWrong);
    assertThat(cpuWrong / (cpuRight + cpuWrong)).isLessThan(0.02);
  }

  @Test
  void executorWorkAppearsUnderItsParentEndpoint() throws Exception {
    double underPool = selfSeconds("GET /work/pool", CRUNCH);
    double everywhere = prometheus.sum("sum(method_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\",code_function_name=\"" + CRUNCH + "\",method_time_scope=\"self\"})");
    System.out.printf("measured: PoolWork.crunch %.2f s under GET /work/pool of %.2f s in all%n",
        underPool, everywhere);
    assertThat(underPool / everywhere).isGreaterThan(0.98);
  }

  @Test
  void exemplarLeadsFromTheMetricToATrace() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    JsonNode body = Http.getJson(prometheus.baseUrl() + "/api/v1/query_exemplars?query="
        + Http.encode("method_cpu_time_seconds_total{service_name=\"" + SERVICE
            + "\",span_name=\"GET /work/cpu\"}")
        + "&start=" + (now - 600) + "&end=" + (now + 60));
    List<String> traceIds = new ArrayList<>();
    body.path("data").forEach(series -> series.path("exemplars").forEach(
        e -> traceIds.add(e.path("labels").path("trace_id").asText())));
    assertThat(traceIds).isNotEmpty().allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  @Test
  void spanProfileOfOneRequestShowsItsHotMethod() throws Exception {
    JsonNode response = Http.JSON.readTree(Http.get(url("/work/cpu?ms=300")).body());
    String spanId = response.path("trace").path("spanId").asText();
    String traceId = response.path("trace").path("traceId").asText();
    String profile = "http://127.0.0.1:" + restPort + "/api/v1/spans/" + spanId + "/profile";
    // The server span of this request carries exactly that link.
    await("span " + spanId + " in the log").atMost(Duration.ofSeconds(30))
        .until(() -> service.logText().contains(" " + spanId + " SERVER"));
    String logged = service.logText();
    String spanLine = logged.substring(logged.indexOf(" " + spanId + " SERVER"));
    spanLine = spanLine.substring(0, spanLine.indexOf('\n'));
    assertThat(spanLine).contains("perfapi.profile.url=" + profile + ",");
    // The request's 300 ms of CPU can straddle two profiling periods: wait until both are in.
    Map<String, Double> leaf = new HashMap<>();
    await("profile of span " + spanId).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          leaf.clear();
          leaf.putAll(leafWeights(profile + "?format=collapsed"));
          return leaf.getOrDefault(HASH, 0.0) + leaf.getOrDefault(SORT, 0.0) >= 200_000; // µs
        });
    double hash = leaf.getOrDefault(HASH, 0.0);
    double sort = leaf.getOrDefault(SORT, 0.0);
    // ~30 samples in one 300 ms request: a loose check that this is the right request
    assertThat(hash / (hash + sort)).isBetween(0.4, 0.95);

    HttpResponse<String> html = Http.get(profile + "?format=html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(html.body()).contains("CpuWork");
    assertThat(Http.get("http://127.0.0.1:" + restPort + "/api/v1/traces/" + traceId
        + "/profile?format=collapsed").body()).contains(HASH);
    JsonNode grafana = Http.getJson(profile + "?format=grafana");
    assertThat(grafana.path("level").size()).isEqualTo(grafana.path("label").size()).isPositive();
  }

  @Test
  void pinnedMethodIsTimedOnEveryCall() throws Exception {
    // 200 requests to /work/cpu each call hashLoop exactly once: a measured count, not a sample
    await("method.invocation.duration").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(prometheus.sum("sum(method_invocation_duration_seconds_count{"
            + "service_name=\"" + SERVICE + "\",code_function_name=\"" + HASH + "\"})"))
            .isGreaterThanOrEqualTo(200));
    double meanSeconds = prometheus.sum("sum(method_invocation_duration_seconds_sum{service_name=\""
        + SERVICE + "\",code_function_name=\"" + HASH + "\"}) / sum(method_invocation_duration_seconds_count{"
        + "service_name=\"" + SERVICE + "\",code_function_name=\"" + HASH + "\"})");
    // 70 % of a 50 ms CPU budget; wall time can only be longer (3 busy threads on 2 cores)
    assertThat(meanSeconds).isGreaterThan(0.030);
  }

  /** Weight per leaf frame of a collapsed profile; an unknown span yields no entries. */
  private static Map<String, Double> leafWeights(String url) throws Exception {
    Map<String, Double> leaf = new HashMap<>();
    HttpResponse<String> response = Http.get(url);
    if (response.statusCode() != 200) {
      return leaf;
    }
    for (String line : response.body().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String stack = line.substring(0, line.lastIndexOf(' '));
      leaf.merge(stack.substring(stack.lastIndexOf(';') + 1),
          Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
    }
    return leaf;
  }

  private double selfSeconds(String spanName, String method) throws Exception {
    return prometheus.sum("sum(method_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\",span_name=\"" + spanName + "\",code_function_name=\"" + method
        + "\",method_time_scope=\"self\"})");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + servicePort + path;
  }
}
