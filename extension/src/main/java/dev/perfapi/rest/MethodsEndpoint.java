package dev.perfapi.rest;

import dev.perfapi.profiling.MethodHistory;
import dev.perfapi.profiling.ProfileEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/v1/methods: the hottest methods over a window, overall or for one endpoint. */
final class MethodsEndpoint {
  private final MethodHistory history;

  MethodsEndpoint(MethodHistory history) {
    this.history = history;
  }

  void methods(RestRequest request) throws ApiException, IOException {
    request.allowOnly("span", "window", "event", "limit", "sort");
    ProfileEvent event = ProfileEvent.fromId(
        request.choice("event", "cpu", "cpu", "wall", "alloc", "lock"));
    int limit = request.intParam("limit", 20, 1, 1000);
    boolean byTotal = request.choice("sort", "self", "self", "total").equals("total");
    String span = request.param("span", null);
    if (span != null && (span.isEmpty() || span.length() > 256)) {
      throw ApiException.badRequest("span", "must be a span name of 1 to 256 characters");
    }
    int minutes = windowMinutes(
        request.param("window", Math.min(5, history.minutesKept()) + "m"));
    MethodHistory.Window w = history.query(event, span, minutes, limit, byTotal,
        System.currentTimeMillis());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event.id);
    body.put("unit", event == ProfileEvent.ALLOC ? "By" : "s");
    body.put("span", span);
    body.put("window", minutes + "m");
    body.put("from", MetricJson.time(w.fromMillis));
    body.put("to", MetricJson.time(w.toMillis));
    body.put("sort", byTotal ? "total" : "self");
    body.put("estimate", "sampled: sample counts x sampling interval (alloc: sampled bytes)");
    body.put("total", round(w.totalWeight));
    List<Object> methods = new ArrayList<>();
    for (MethodHistory.MethodWeight m : w.methods) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("method", m.method);
      json.put("self", round(m.self));
      json.put("total", round(m.total));
      json.put("self_share", share(m.self, w.totalWeight));
      json.put("total_share", share(m.total, w.totalWeight));
      methods.add(json);
    }
    body.put("methods", methods);
    body.put("span_names", w.spanNames);
    body.put("truncated", w.truncated);
    request.json(200, body);
  }

  /** Sums of sampled weights carry float noise far below one sample; show what is meaningful. */
  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static double share(double part, double whole) {
    return whole > 0 ? Math.min(1.0, Math.round(part / whole * 1e4) / 1e4) : 0.0;
  }

  /** Whole minutes, rounded up: the history keeps one-minute buckets. */
  private int windowMinutes(String text) throws ApiException {
    Duration d = RestRequest.parseDuration(text, ChronoUnit.SECONDS);
    long max = history.minutesKept();
    if (d == null || d.isZero() || d.toMinutes() > max || (d.toMinutes() == max && d.toSecondsPart() > 0)) {
      throw ApiException.badRequest("window", "must be a duration such as 30s, 5m or 1h, at most "
          + max + "m");
    }
    return (int) Math.max(1, (d.toSeconds() + 59) / 60);
  }
}
