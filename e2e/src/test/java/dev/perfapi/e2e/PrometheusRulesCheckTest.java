package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusRulesCheckTest {
  @Test
  void findsTheSelectorsOfAnExpressionAndNothingElse() {
    assertThat(PrometheusRulesCheck.selectors(
        "(count by (service_name, host_name) (last_over_time(process_uptime_seconds[15m]))"
            + " > count by (service_name, host_name) (process_uptime_seconds{a=\"x}y\"}) and on (host_name)"
            + " min by (host_name) (up) < 900) or on (host_name) a:b:rate5m offset 15m > 1.5e3"))
        .containsExactly("a:b:rate5m", "process_uptime_seconds", "process_uptime_seconds{a=\"x}y\"}", "up");
  }

  @Test
  void labelsInGroupingAndMatchersAreNotMetrics() {
    assertThat(PrometheusRulesCheck.selectors(
        "max by (host_name, system_device) (rate(system_disk_io_time_seconds_total{system_device=\"sda\"}[5m])) > 0.9"))
        .containsExactly("system_disk_io_time_seconds_total{system_device=\"sda\"}");
  }

  @Test
  void stringArgumentsAreNotMetrics() {
    assertThat(PrometheusRulesCheck.selectors(
        "sum by (span_name) (label_join(rate(http_server_request_duration_seconds_count[5m]),"
            + " \"span_name\", \" \", \"http_request_method\", \"http_route\"))"))
        .containsExactly("http_server_request_duration_seconds_count");
  }
}
