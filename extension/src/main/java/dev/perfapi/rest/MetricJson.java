package dev.perfapi.rest;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metric data as the REST API shows it: the exported name, unit and attributes of each point. */
final class MetricJson {
  private MetricJson() {}

  static List<Object> metrics(List<MetricData> metrics) {
    List<Object> list = new ArrayList<>();
    for (MetricData m : metrics) {
      list.add(metric(m));
    }
    return list;
  }

  static Map<String, Object> metric(MetricData m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", m.getName());
    json.put("unit", m.getUnit());
    json.put("description", m.getDescription());
    boolean sum = m.getData() instanceof SumData;
    json.put("type", !sum ? "gauge" : ((SumData<?>) m.getData()).isMonotonic() ? "counter"
        : "updowncounter");
    List<Object> points = new ArrayList<>();
    for (PointData p : m.getData().getPoints()) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("attributes", attributes(p.getAttributes()));
      point.put("value", value(p));
      points.add(point);
    }
    points.sort((a, b) -> String.valueOf(((Map<?, ?>) a).get("attributes"))
        .compareTo(String.valueOf(((Map<?, ?>) b).get("attributes"))));
    json.put("points", points);
    return json;
  }

  private static Object value(PointData p) {
    if (p instanceof LongPointData) {
      return ((LongPointData) p).getValue();
    }
    return ((DoublePointData) p).getValue();
  }

  private static Map<String, Object> attributes(Attributes attributes) {
    Map<String, Object> map = new TreeMap<>();
    attributes.forEach((key, value) -> map.put(key.getKey(), value));
    return map;
  }

  static String time(long epochMillis) {
    return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
