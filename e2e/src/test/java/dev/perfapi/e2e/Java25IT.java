package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7: the end-to-end flow with the service on Temurin 25 (the build and the other tests run
 * on Java 17). {@code -Dperfapi.java25.home} points at another JDK 25; by default the first
 * /usr/lib/jvm/temurin-25* is used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Java25IT {
  private static final String SERVICE = "e2e-java25";
  private static final String HASH = "dev.perfapi.sample.work.CpuWork.hashLoop";

  private Stack stack;
  private Prometheus prometheus;
  private ManagedProcess service;
  private int port;

  @BeforeAll
  void start() throws Exception {
    Optional<Path> java = java25();
    assumeTrue(java.isPresent(), "no Temurin 25 in /usr/lib/jvm and no -Dperfapi.java25.home");
    stack = new Stack("java25");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    port = Ports.free();
    // Java 21+ warns when JNA and async-profiler load native code unless this is granted.
    service = stack.startServiceWith(List.of(java.get().toString()), SERVICE, port, Ports.free(),
        "--enable-native-access=ALL-UNNAMED");
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void metricsAndSpanLinkedTimingsWorkOnJava25() throws Exception {
    assertThat(service.logText()).contains("using Java 25").contains("span profiling on")
        .doesNotContain("restricted method");
    Load load = Load.run("http://127.0.0.1:" + port + "/work/cpu?ms=50", 1, 60);
    assertThat(load.failed.get()).isZero();
    await("metrics of " + SERVICE).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> {
          assertThat(prometheus.sum("sum(perfapi_collector_success{service_name=\"" + SERVICE
              + "\",perfapi_collector=~\"cpu|memory|filesystem|process\"})")).isEqualTo(4);
          assertThat(prometheus.query("topk(1, sum by (code_function_name) (method_cpu_time_seconds_total{"
              + "service_name=\"" + SERVICE + "\",span_name=\"GET /work/cpu\",method_time_scope=\"self\"}))"))
              .singleElement().satisfies(top -> assertThat(
                  top.path("metric").path("code_function_name").asText()).isEqualTo(HASH));
        });
  }

  private static Optional<Path> java25() throws IOException {
    String home = System.getProperty("perfapi.java25.home");
    if (home != null) {
      return Optional.of(Paths.get(home, "bin", "java"));
    }
    Path jvms = Paths.get("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jvms)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("temurin-25"))
          .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst();
    }
  }
}
