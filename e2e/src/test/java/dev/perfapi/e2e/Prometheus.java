package dev.perfapi.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Queries a running Prometheus through its HTTP API. */
final class Prometheus {
  private final String baseUrl;

  Prometheus(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** Result vector of an instant query. */
  List<JsonNode> query(String promql) throws IOException, InterruptedException {
    JsonNode body = Http.getJson(baseUrl + "/api/v1/query?query=" + Http.encode(promql));
    List<JsonNode> result = new ArrayList<>();
    body.path("data").path("result").forEach(result::add);
    return result;
  }

  /** The single value of a query that must return exactly one series. */
  double scalar(String promql) throws IOException, InterruptedException {
    List<JsonNode> result = query(promql);
    if (result.size() != 1) {
      throw new AssertionError(promql + " returned " + result.size() + " series: " + result);
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  /** Sum of the values of all series of a query. */
  double sum(String promql) throws IOException, InterruptedException {
    double sum = 0;
    for (JsonNode series : query(promql)) {
      sum += Double.parseDouble(series.path("value").get(1).asText());
    }
    return sum;
  }

  /** Label values of all series of a metric (via the series API). */
  List<JsonNode> series(String selector) throws IOException, InterruptedException {
    JsonNode body = Http.getJson(baseUrl + "/api/v1/series?match[]=" + Http.encode(selector));
    List<JsonNode> result = new ArrayList<>();
    body.path("data").forEach(result::add);
    return result;
  }
}
