package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7: malformed {@code otel.perfapi.*} values at agent start. Each gives exactly one
 * warning naming the property, the default is used, and the agent and extension keep running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigFaultsIT {
  private static final String SERVICE = "e2e-bad-config";
  /** Property, bad value, what the one warning about it must say. */
  private static final String[][] BAD = {
      {"otel.perfapi.host.interval", "-5s", "using the default 10000ms"},
      {"otel.perfapi.profiling.cpu.engine", "perf-magic", "using the default auto"},
      {"otel.perfapi.profiling.cpu.interval", "fast", "using the default 10ms"},
      {"otel.perfapi.host.devices.max", "lots", "using the default 64"},
      {"otel.perfapi.host.network.exclude.interfaces", "([eth", "using the default"},
      {"otel.perfapi.profiling.enabled", "maybe", "using the default true"},
      {"otel.perfapi.profiling.period", "0s", "using 1000ms"},
  };

  private Stack stack;
  private Prometheus prometheus;
  private ManagedProcess service;

  @BeforeAll
  void start() throws Exception {
    stack = new Stack("bad-config");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
    String[] args = new String[BAD.length];
    for (int i = 0; i < BAD.length; i++) {
      // Later -D options win: these replace the harness's valid settings of the same names.
      args[i] = "-D" + BAD[i][0] + "=" + BAD[i][1];
    }
    service = stack.startService(SERVICE, Ports.free(), Ports.free(), args);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void eachBadValueIsOneWarningNamingItsProperty() {
    List<String> warnings = Arrays.stream(service.logText().split("\n"))
        .filter(l -> l.contains("perfapi:") && (l.contains("invalid value") || l.contains("below the minimum")))
        .collect(Collectors.toList());
    System.out.println("measured: configuration warnings:\n" + String.join("\n", warnings));
    for (String[] bad : BAD) {
      assertThat(warnings.stream().filter(l -> l.contains(" " + bad[0] + " ") || l.contains(" " + bad[0] + "=")))
          .as(bad[0]).singleElement().asString().contains(bad[1]).contains(bad[2]);
    }
    assertThat(warnings).hasSize(BAD.length);
  }

  @Test
  void theExtensionRunsOnItsDefaults() throws Exception {
    assertThat(service.logText()).contains("perfapi: collecting [").contains("every 10000 ms")
        .contains("span profiling on (cpu engine requested: cpu");
    await("host and process metrics on the default interval").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(prometheus.sum(
            "sum(perfapi_collector_success{service_name=\"" + SERVICE + "\",perfapi_collector=~\"cpu|process|network\"})"))
            .isEqualTo(3));
  }
}
