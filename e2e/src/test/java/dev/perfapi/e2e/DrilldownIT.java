package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The drilldown an on-call engineer follows, end to end on the real stack (Jaeger, our Collector
 * exporting traces to it, Prometheus with our rules, the sample service under load): a method's
 * CPU in Prometheus -> an exemplar's trace in Jaeger -> the profile link on one of its spans ->
 * that profile, with the endpoint's designed hot method in it. The rules checks share this stack
 * (one stack instead of two keeps CI time down); see {@link PrometheusRulesCheck}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrilldownIT {
  private static final String SERVICE = "e2e-drilldown";
  private static final String HASH = "dev.perfapi.sample.work.CpuWork.hashLoop";
  private static final String PROFILE_URL = "perfapi.profile.url";

  private Stack stack;
  private Prometheus prometheus;
  private Jaeger jaeger;
  private int servicePort;
  private int restPort;

  @BeforeAll
  void startStackUnderLoad() throws Exception {
    stack = new Stack("drilldown");
    stack.startJaeger();
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    jaeger = new Jaeger(stack.jaegerQueryPort);
    servicePort = Ports.free();
    restPort = Ports.free();
    // The runtime-telemetry flag adds the JVM's open-files limit, which an alert reads.
    stack.startService(SERVICE, servicePort, restPort,
        "-Dotel.instrumentation.runtime-telemetry.emit-experimental-metrics=true");
    // ~200 requests of 30 ms CPU: hashLoop samples in many traces.
    Load load = Load.run("http://127.0.0.1:" + servicePort + "/work/cpu?ms=30", 1, 200);
    assertThat(load.failed.get()).isZero();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void exemplarLeadsToTheTraceInJaegerAndOnToTheProfileOfItsHotMethod() throws Exception {
    String selector = "method_cpu_time_seconds_total{service_name=\"" + SERVICE
        + "\",span_name=\"GET /work/cpu\",code_function_name=\"" + HASH + "\",method_time_scope=\"self\"}";
    List<JsonNode> exemplars = new ArrayList<>();
    await("exemplars of " + selector).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .until(() -> {
          exemplars.clear();
          exemplars.addAll(exemplars(selector));
          return !exemplars.isEmpty();
        });
    // The newest exemplar: its span's profile is surely still held by the extension.
    JsonNode newest = exemplars.stream()
        .max(Comparator.comparingDouble(e -> e.path("timestamp").asDouble())).orElseThrow();
    String traceId = newest.path("labels").path("trace_id").asText();
    assertThat(traceId).matches("[0-9a-f]{32}");

    List<JsonNode> spans = new ArrayList<>();
    await("trace " + traceId + " in Jaeger").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          spans.clear();
          spans.addAll(jaeger.spans(traceId));
          return spans.stream().anyMatch(s -> Jaeger.tag(s, PROFILE_URL).isPresent());
        });
    assertThat(spans).extracting(s -> s.path("traceID").asText()).containsOnly(traceId);
    assertThat(spans).extracting(s -> s.path("operationName").asText()).contains("GET /work/cpu");

    String profileUrl = spans.stream().map(s -> Jaeger.tag(s, PROFILE_URL)).flatMap(Optional::stream)
        .findFirst().orElseThrow();
    System.out.printf("measured: exemplar trace %s -> %d spans in Jaeger -> %s%n", traceId, spans.size(), profileUrl);
    // Only loopback targets, and the link must point at this service's REST API.
    assertThat(profileUrl).startsWith("http://127.0.0.1:" + restPort + "/api/v1/spans/");
    HttpResponse<String> profile = Http.get(profileUrl + "?format=collapsed");
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.body()).contains(HASH);
  }

  @Test
  void everyRuleEvaluatesWithoutErrorAndEveryRecordingHasSeries() throws Exception {
    new PrometheusRulesCheck(prometheus).assertAllRulesHealthy(Duration.ofSeconds(90));
  }

  @Test
  void everySeriesTheRulesReadExistsInThisPipeline() throws Exception {
    new PrometheusRulesCheck(prometheus).assertRuleInputsExist(Duration.ofSeconds(60));
  }

  private List<JsonNode> exemplars(String selector) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    JsonNode body = Http.getJson(prometheus.baseUrl() + "/api/v1/query_exemplars?query="
        + Http.encode(selector) + "&start=" + (now - 600) + "&end=" + (now + 60));
    List<JsonNode> found = new ArrayList<>();
    body.path("data").forEach(series -> series.path("exemplars").forEach(found::add));
    return found;
  }
}
