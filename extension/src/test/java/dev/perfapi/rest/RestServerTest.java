package dev.perfapi.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.profiling.MethodHistory;
import dev.perfapi.profiling.Recordings;
import dev.perfapi.profiling.SpanProfileStore;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binding and token rules, on a server started in this JVM. */
class RestServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir Path dir;
  private RestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private RestServer start(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    map.put("otel.perfapi.rest.port", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    PerfApiConfig config = PerfApiConfig.from(DefaultConfigProperties.createFromMap(map));
    server = RestServer.start(new RestApi(config, new SpanProfileStore(10, 60_000_000_000L),
        new MethodHistory(1, 100), new Recordings(dir.resolve("recordings"), 2), null, null));
    return server;
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString("{\"duration\":\"2s\"}")
            : HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutATokenRecordingsAreForbiddenAndSayWhy() throws Exception {
    start();
    HttpResponse<String> response = send("POST", "/api/v1/profiles", null);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("otel.perfapi.rest.token").contains("\"field\":\"Authorization\"");
    assertThat(send("GET", "/api/v1/methods", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aNonLoopbackAddressIsRefusedWithoutAToken() {
    assertThat(start("otel.perfapi.rest.host", "0.0.0.0")).isNull();
  }

  @Test
  void beyondLoopbackEveryEndpointButHealthNeedsTheToken() throws Exception {
    start("otel.perfapi.rest.host", "0.0.0.0", "otel.perfapi.rest.token", "t0ken");
    assertThat(send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/methods", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/methods", "wrong").statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/methods", "t0ken").statusCode()).isEqualTo(200);
  }

  @Test
  void recordingsWithoutAProfilerAnswerUnavailable() throws Exception {
    start("otel.perfapi.rest.token", "t0ken");
    HttpResponse<String> response = send("POST", "/api/v1/profiles", "t0ken");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("span profiling has not started");
  }

  @Test
  void disabledMetricsAnswerUnavailableNotEmpty() throws Exception {
    start();
    HttpResponse<String> response = send("GET", "/api/v1/host", null);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("otel.perfapi.host.enabled");
  }

  @Test
  void aTakenPortIsOneLogLineAndNoServer() throws Exception {
    start();
    int taken = server.port();
    RestServer first = server;
    try {
      assertThat(start("otel.perfapi.rest.port", String.valueOf(taken))).isNull();
    } finally {
      server = first;
    }
  }
}
