package dev.perfapi.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads traces from a running Jaeger through its query HTTP API (the one its UI uses). */
final class Jaeger {
  private final String baseUrl;

  Jaeger(int queryPort) {
    this.baseUrl = "http://127.0.0.1:" + queryPort;
  }

  /** The spans of a trace; empty while Jaeger does not have it (404). */
  List<JsonNode> spans(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> response = Http.get(baseUrl + "/api/traces/" + traceId);
    List<JsonNode> spans = new ArrayList<>();
    if (response.statusCode() == 404) {
      return spans;
    }
    if (response.statusCode() != 200) {
      throw new IOException("Jaeger answered " + response.statusCode() + ": " + response.body());
    }
    Http.JSON.readTree(response.body()).path("data").forEach(trace -> trace.path("spans").forEach(spans::add));
    return spans;
  }

  /** The value of a span's tag (Jaeger's name for a span attribute). */
  static Optional<String> tag(JsonNode span, String key) {
    for (JsonNode tag : span.path("tags")) {
      if (key.equals(tag.path("key").asText())) {
        return Optional.of(tag.path("value").asText());
      }
    }
    return Optional.empty();
  }
}
