package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every PromQL expression of every panel (and every variable query) of the committed Grafana
 * dashboards returns data from a real stack under load: a dashboard that names a metric or label
 * our pipeline does not produce fails here, not in front of a user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {
  private static final String SERVICE = "e2e-dashboards";
  /** How Grafana fills the interval variables for our data source (timeInterval 5 s, a 30 min view). */
  private static final String RATE_INTERVAL = "20s";
  private static final String INTERVAL = "5s";

  private Stack stack;
  private Prometheus prometheus;
  private int servicePort;
  private final AtomicBoolean loading = new AtomicBoolean(true);
  private final List<Thread> loads = new ArrayList<>();
  private final Map<String, Load> results = new HashMap<>();
  private long startedMillis;

  @BeforeAll
  void startStackUnderLoad() throws Exception {
    stack = new Stack("dashboards");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    servicePort = Ports.free();
    // The timed method feeds the "Timed methods" panels (method.invocation.duration).
    stack.startService(SERVICE, servicePort, Ports.free(),
        "-Dotel.perfapi.methods.include=dev.perfapi.sample.work.CpuWork[hashLoop]");
    startedMillis = System.currentTimeMillis();
    // Every kind of work a panel shows: CPU, allocation (and so GC), lock contention (three
    // threads on one lock), a pool hop, I/O, and refused requests (400) for the error panels.
    load("/work/cpu?ms=20", 1);
    load("/work/alloc?mb=8", 1);
    load("/work/lock?ms=5", 3);
    load("/work/pool?ms=10", 1);
    load("/work/io?ms=10", 1);
    load("/work/cpu?ms=bad", 1);
  }

  /** Repeats small batches until the test ends, so rates stay non-zero whenever it looks. */
  private void load(String path, int threads) {
    Thread t = new Thread(() -> {
      while (loading.get()) {
        try {
          Load batch = Load.run("http://127.0.0.1:" + servicePort + path, threads, 10 * threads);
          synchronized (results) {
            results.merge(path, batch, (a, b) -> {
              a.ok.addAndGet(b.ok.get());
              a.failed.addAndGet(b.failed.get());
              return a;
            });
          }
          Thread.sleep(100); // leave the two shared cores some air
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "dashboard-load " + path);
    t.start();
    loads.add(t);
  }

  @AfterAll
  void stop() throws InterruptedException {
    loading.set(false);
    for (Thread t : loads) {
      t.join(60_000);
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyPanelQueryReturnsData() throws Exception {
    List<DashboardQueries.Query> queries = DashboardQueries.all();
    Map<String, String> empty = new LinkedHashMap<>();
    await("every dashboard query to return data").atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
          Map<String, String> values = variables();
          empty.clear();
          for (DashboardQueries.Query q : queries) {
            String promql = DashboardQueries.substitute(q.expr, values);
            if (prometheus.query(promql).isEmpty()) {
              empty.put(q.where, promql);
            }
          }
          assertThat(empty).as("queries without a series").isEmpty();
        });
    System.out.printf("measured: %d dashboard queries, all with data after %d s of load%n",
        queries.size(), (System.currentTimeMillis() - startedMillis) / 1000);
    synchronized (results) {
      Load refused = results.get("/work/cpu?ms=bad");
      assertThat(refused).as("bad requests sent").isNotNull();
      assertThat(refused.ok.get()).as("the bad requests are refused").isZero();
    }
  }

  @Test
  void everyExemplarPanelHasExemplarsWithATraceId() throws Exception {
    Map<String, List<String>> traceIds = new LinkedHashMap<>();
    await("exemplars of every exemplar-enabled query").atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
          Map<String, String> values = variables();
          long now = System.currentTimeMillis() / 1000;
          traceIds.clear();
          for (DashboardQueries.Query q : DashboardQueries.all()) {
            if (!q.exemplars) {
              continue;
            }
            JsonNode body = Http.getJson(prometheus.baseUrl() + "/api/v1/query_exemplars?query="
                + Http.encode(DashboardQueries.substitute(q.expr, values))
                + "&start=" + (now - 600) + "&end=" + (now + 60));
            List<String> ids = new ArrayList<>();
            body.path("data").forEach(series -> series.path("exemplars").forEach(
                e -> ids.add(e.path("labels").path("trace_id").asText())));
            traceIds.put(q.where, ids);
          }
          assertThat(traceIds).isNotEmpty().allSatisfy((where, ids) -> assertThat(ids).as(where)
              .isNotEmpty().allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}")));
        });
  }

  /** The run's values of the dashboards' variables: this service and instance, All endpoints. */
  private Map<String, String> variables() throws Exception {
    List<JsonNode> instances = prometheus.query("count by (service_instance_id) (process_uptime_seconds{service_name=\""
        + SERVICE + "\"})");
    assertThat(instances).as("instances of " + SERVICE).hasSize(1);
    Map<String, String> values = new HashMap<>();
    values.put("service", SERVICE);
    values.put("instance", instances.get(0).path("metric").path("service_instance_id").asText());
    values.put("endpoint", ".+"); // the variables' "All" value
    values.put("route", ".+");
    values.put("__rate_interval", RATE_INTERVAL);
    values.put("__interval", INTERVAL);
    values.put("__range", Math.max(60, (System.currentTimeMillis() - startedMillis) / 1000) + "s");
    return values;
  }
}
