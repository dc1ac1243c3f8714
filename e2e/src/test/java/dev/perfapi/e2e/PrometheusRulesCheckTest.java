package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusRulesCheckTest {
  @Test
  void findsTheMetricsOfAnExpressionAndNothingElse() {
    assertThat(PrometheusRulesCheck.metricNames(
        "(count by (service_name, host_name) (last_over_time(process_uptime_seconds[15m]))"
            + " > count by (service_name, host_name) (process_uptime_seconds{a=\"x}y\"}) and on (host_name)"
            + " min by (host_name) (up) < 900) or on (host_name) a:b:rate5m offset 15m > 1.5e3"))
        .containsExactly("a:b:rate5m", "process_uptime_seconds", "up");
  }

  @Test
  void labelsInGroupingAndMatchersAreNotMetrics() {
    assertThat(PrometheusRulesCheck.metricNames(
        "max by (host_name, system_device) (rate(system_disk_io_time_seconds_total{system_device=\"sda\"}[5m])) > 0.9"))
        .containsExactly("system_disk_io_time_seconds_total");
  }
}
