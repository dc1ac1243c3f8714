package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The REST API's contract, against a sample-service JVM running the agent and our extension:
 * every endpoint, values cross-checked with /proc, every response checked against the server's
 * own OpenAPI document, the token rules, one recording at a time, and a table of bad requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestApiIT {
  private static final String SERVICE = "e2e-rest";
  private static final String TOKEN = "e2e-" + UUID.randomUUID();
  private static final String HASH = "dev.perfapi.sample.work.CpuWork.hashLoop";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Stack stack;
  private ManagedProcess service;
  private int servicePort;
  private String base;
  private OpenApiContract contract;

  @BeforeAll
  void startServiceUnderLoad() throws Exception {
    stack = new Stack("rest");
    stack.startCollector();
    servicePort = Ports.free();
    int restPort = Ports.free();
    service = stack.startService(SERVICE, servicePort, restPort,
        "-Dotel.perfapi.rest.token=" + TOKEN,
        "-Dotel.perfapi.rest.recording.max.duration=60s");
    base = "http://127.0.0.1:" + restPort;
    contract = new OpenApiContract(Http.getJson(base + "/api/v1/openapi.json"));
    Load load = Load.run(service("/work/cpu?ms=50"), 1, 100);
    assertThat(load.failed.get()).isZero();
    await("hot methods of GET /work/cpu").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> call("GET", "/api/v1/methods?span=" + Http.encode("GET /work/cpu"), null, false)
            .body().contains(HASH));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void healthAndDocument() throws Exception {
    assertThat(Http.JSON.readTree(call("GET", "/healthz", null, false).body()).path("status").asText())
        .isEqualTo("UP");
    JsonNode doc = Http.JSON.readTree(call("GET", "/api/v1/openapi.json", null, false).body());
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(contract.operations()).hasSizeGreaterThanOrEqualTo(11);
  }

  @Test
  @Order(2)
  void hostSnapshotAgreesWithTheKernel() throws Exception {
    JsonNode host = json(call("GET", "/api/v1/host", null, false));
    JsonNode families = host.path("families");
    for (String family : new String[] {"cpu", "memory", "paging", "disk", "network", "filesystem",
        "load", "processes"}) {
      assertThat(families.path(family).path("ok").asBoolean()).as(family).isTrue();
      assertThat(families.path(family).path("read_at").asText()).as(family).isNotEmpty();
    }
    long nproc = Kernel.nproc();
    assertThat(value(families, "cpu", "system.cpu.logical.count")).isEqualTo(nproc);
    // per CPU and mode, as well as the total by mode
    JsonNode cpuTime = metric(families.path("cpu"), "system.cpu.time");
    long perCpu = 0;
    for (JsonNode p : cpuTime.path("points")) {
      if (p.path("attributes").has("cpu.logical_number")) {
        perCpu++;
      }
    }
    assertThat(perCpu).isEqualTo(nproc * 7);
    long memTotal = Kernel.meminfo("MemTotal");
    double states = 0;
    for (JsonNode p : metric(families.path("memory"), "system.memory.usage").path("points")) {
      states += p.path("value").asDouble();
    }
    assertThat(states).isCloseTo(memTotal, within(memTotal * 0.01));
    assertThat(value(families, "memory", "system.memory.limit")).isEqualTo(memTotal);
  }

  @Test
  @Order(3)
  void processSnapshotAgreesWithTheKernel() throws Exception {
    JsonNode process = json(call("GET", "/api/v1/process?threads=5", null, false));
    long pid = service.pid();
    assertThat(process.path("pid").asLong()).isEqualTo(pid);
    Map<String, Long> status = Kernel.procStatus(pid);
    assertThat(process.path("threads").path("count").asLong())
        .isCloseTo(status.get("Threads"), within(5L));
    assertThat(process.path("threads").path("top_by_cpu")).hasSize(5);
    assertThat(process.path("file_descriptors").path("limit_soft").asLong())
        .isEqualTo(Kernel.openFilesLimit(pid));
    assertThat(process.path("file_descriptors").path("open").asLong())
        .isCloseTo(Kernel.openFiles(pid), within(10L));
    double rss = metric(process, "process.memory.usage").path("points").get(0).path("value").asDouble();
    assertThat(rss).isCloseTo(status.get("VmRSS"), within(status.get("VmRSS") * 0.15));
  }

  @Test
  @Order(4)
  void hotMethodsOfAnEndpointAndOverall() throws Exception {
    JsonNode cpu = json(call("GET", "/api/v1/methods?span=" + Http.encode("GET /work/cpu")
        + "&limit=5&window=15m", null, false));
    assertThat(cpu.path("methods").get(0).path("method").asText()).isEqualTo(HASH);
    double selfShares = 0;
    for (JsonNode m : cpu.path("methods")) {
      selfShares += m.path("self_share").asDouble();
      assertThat(m.path("total").asDouble()).isGreaterThanOrEqualTo(m.path("self").asDouble());
    }
    assertThat(selfShares).isLessThanOrEqualTo(1.0001);
    JsonNode all = json(call("GET", "/api/v1/methods?sort=total&limit=50", null, false));
    assertThat(all.path("span").isNull()).isTrue();
    assertThat(all.path("span_names").toString()).contains("GET /work/cpu");
    json(call("GET", "/api/v1/methods?event=alloc&window=90s", null, false));
    json(call("GET", "/api/v1/methods?event=wall", null, false));
  }

  @Test
  @Order(5)
  void spanAndTraceProfilesInEveryFormat() throws Exception {
    JsonNode response = Http.JSON.readTree(Http.get(service("/work/cpu?ms=300")).body());
    String span = "/api/v1/spans/" + response.path("trace").path("spanId").asText() + "/profile";
    String trace = "/api/v1/traces/" + response.path("trace").path("traceId").asText() + "/profile";
    await("profile of " + span).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> call("GET", span + "?format=collapsed", null, false).body().contains(HASH));
    for (String path : new String[] {span, trace}) {
      assertThat(call("GET", path, null, false).body()).contains("CpuWork");
      assertThat(call("GET", path + "?format=collapsed&event=cpu", null, false).body()).contains(HASH);
      assertThat(json(call("GET", path + "?format=json", null, false)).toString()).contains(HASH);
      JsonNode grafana = json(call("GET", path + "?format=grafana", null, false));
      assertThat(grafana.path("label").size()).isEqualTo(grafana.path("level").size()).isPositive();
    }
  }

  @Test
  @Order(6)
  void recordingsNeedTheTokenAndRunOneAtATime() throws Exception {
    String body = "{\"event\":\"cpu\",\"interval\":\"5ms\",\"duration\":\"5s\"}";
    assertThat(call("POST", "/api/v1/profiles", body, false).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send("POST", "/api/v1/profiles", body, "Bearer not-" + TOKEN);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();

    Thread load = new Thread(() -> {
      try {
        Load.run(service("/work/cpu?ms=50"), 1, 120);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    load.start();
    HttpResponse<String> started = call("POST", "/api/v1/profiles", body, true);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = json(started).path("id").asText();
    assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/profiles/" + id);

    HttpResponse<String> second = call("POST", "/api/v1/profiles", body, true);
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(Http.JSON.readTree(second.body()).path("running_id").asText()).isEqualTo(id);
    assertThat(json(call("GET", "/api/v1/profiles/" + id, null, true)).path("status").asText())
        .isEqualTo("running");
    assertThat(call("GET", "/api/v1/profiles/" + id + "/result", null, true).statusCode())
        .isEqualTo(409);

    await("recording " + id).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> json(call("GET", "/api/v1/profiles/" + id, null, true)).path("status").asText(),
            s -> !s.equals("running"));
    load.join();
    JsonNode finished = json(call("GET", "/api/v1/profiles/" + id, null, true));
    assertThat(finished.path("status").asText()).isEqualTo("finished");
    assertThat(finished.path("size_bytes").asLong()).isPositive();

    // A download that the client abandons half-way costs the recording nothing.
    abandonDownload("/api/v1/profiles/" + id + "/result?format=jfr");
    assertThat(call("GET", "/api/v1/profiles/" + id + "/result?format=collapsed", null, true).body())
        .contains(HASH);
    assertThat(call("GET", "/api/v1/profiles/" + id + "/result", null, true).body()).contains("CpuWork");
    HttpResponse<byte[]> jfr = bytes("/api/v1/profiles/" + id + "/result?format=jfr");
    assertThat(new String(jfr.body(), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("FLR");
    assertThat(jfr.body().length).isEqualTo(finished.path("size_bytes").asInt());
    HttpResponse<byte[]> pprof = bytes("/api/v1/profiles/" + id + "/result?format=pprof");
    assertThat(pprof.statusCode()).isEqualTo(200);
    assertThat(new String(pprof.body(), StandardCharsets.ISO_8859_1)).contains("hashLoop");
    assertThat(json(call("GET", "/api/v1/profiles", null, true)).path("recordings").toString())
        .contains(id);
    // the recording went through the span join too: the continuous metrics did not pause
    assertThat(service.logText()).doesNotContain("profiling period failed");
  }

  static Stream<Arguments> badRequests() {
    String span = "/api/v1/spans/";
    String okSpan = "0123456789abcdef";
    String okTrace = "0123456789abcdef0123456789abcdef";
    String rec = "/api/v1/profiles";
    return Stream.of(
        bad("GET", "/api/v1/methods?event=bogus", null, false, 400, "event"),
        bad("GET", "/api/v1/methods?limit=0", null, false, 400, "limit"),
        bad("GET", "/api/v1/methods?limit=abc", null, false, 400, "limit"),
        bad("GET", "/api/v1/methods?limit=1001", null, false, 400, "limit"),
        bad("GET", "/api/v1/methods?limit=99999999999999999999", null, false, 400, "limit"),
        bad("GET", "/api/v1/methods?window=-5m", null, false, 400, "window"),
        bad("GET", "/api/v1/methods?window=999h", null, false, 400, "window"),
        bad("GET", "/api/v1/methods?window=5x", null, false, 400, "window"),
        bad("GET", "/api/v1/methods?window=0s", null, false, 400, "window"),
        bad("GET", "/api/v1/methods?sort=up", null, false, 400, "sort"),
        bad("GET", "/api/v1/methods?span=", null, false, 400, "span"),
        bad("GET", "/api/v1/methods?span=" + "x".repeat(300), null, false, 400, "span"),
        bad("GET", "/api/v1/methods?bogus=1", null, false, 400, "bogus"),
        bad("GET", "/api/v1/methods?limit=1&limit=2", null, false, 400, "limit"),
        bad("GET", "/api/v1/methods?event=%E2%82", null, false, 400, "event"),
        bad("GET", "/api/v1/process?threads=-1", null, false, 400, "threads"),
        bad("GET", "/api/v1/host?x=1", null, false, 400, "x"),
        bad("GET", span + "xyz/profile", null, false, 400, "spanId"),
        bad("GET", span + "0000000000000000/profile", null, false, 400, "spanId"),
        bad("GET", span + "ABCDEF0123456789/profile", null, false, 400, "spanId"),
        bad("GET", span + "..%2F..%2Fetc%2Fpasswd/profile", null, false, 400, "spanId"),
        bad("GET", "/api/v1/traces/123/profile", null, false, 400, "traceId"),
        bad("GET", "/api/v1/traces/" + okTrace + "/profile?format=svg", null, false, 400, "format"),
        bad("GET", span + okSpan + "/profile?event=heap", null, false, 400, "event"),
        bad("GET", span + okSpan + "/profile", null, false, 404, "spanId"),
        bad("GET", "/api/v1/traces/" + okTrace + "/profile", null, false, 404, "traceId"),
        bad("POST", rec, "{\"event\":\"heap\",\"duration\":\"5s\"}", true, 400, "event"),
        bad("POST", rec, "{\"event\":7,\"duration\":\"5s\"}", true, 400, "event"),
        bad("POST", rec, "{\"duration\":\"-5s\"}", true, 400, "duration"),
        bad("POST", rec, "{\"duration\":\"100000s\"}", true, 400, "duration"),
        bad("POST", rec, "{\"duration\":0}", true, 400, "duration"),
        bad("POST", rec, "{\"duration\":1e308}", true, 400, "duration"),
        bad("POST", rec, "{}", true, 400, "duration"),
        bad("POST", rec, "{\"duration\":\"5s\",\"interval\":\"10 parsecs\"}", true, 400, "interval"),
        bad("POST", rec, "{\"duration\":\"5s\",\"interval\":\"10s\"}", true, 400, "interval"),
        bad("POST", rec, "{\"duration\":\"5s\",\"interval\":1.5}", true, 400, "interval"),
        bad("POST", rec, "{\"event\":\"alloc\",\"duration\":\"5s\",\"interval\":\"1\"}", true, 400, "interval"),
        bad("POST", rec, "{\"duration\":\"5s\",\"threads\":\"yes\"}", true, 400, "threads"),
        bad("POST", rec, "{\"duration\":\"5s\",\"file\":\"/etc/passwd\"}", true, 400, "file"),
        bad("POST", rec, "not json", true, 400, "body"),
        bad("POST", rec, "[1,2]", true, 400, "body"),
        bad("POST", rec, "", true, 400, "body"),
        bad("POST", rec, "{\"duration\":\"5s\",\"pad\":\"" + "x".repeat(10_000) + "\"}", true, 413, "body"),
        bad("POST", rec, null, false, 401, "Authorization"),
        bad("GET", rec, null, false, 401, "Authorization"),
        bad("GET", rec + "/zzz", null, true, 400, "id"),
        bad("GET", rec + "/0123456789abcdef", null, true, 404, "id"),
        bad("GET", rec + "/0123456789abcdef/result?format=exe", null, true, 400, "format"),
        bad("GET", rec + "/0123456789abcdef/result?format=jfr", null, true, 404, "id"),
        bad("DELETE", "/api/v1/host", null, false, 405, "method"),
        bad("PUT", rec, "{}", true, 405, "method"),
        bad("POST", "/api/v1/methods", "{}", false, 405, "method"),
        bad("GET", "/api/v1/nothing", null, false, 404, "path"),
        bad("GET", "/api/v2/host", null, false, 404, "path"),
        bad("GET", "/api/v1/profiles/../../../etc/passwd", null, true, 404, "path"));
  }

  private static Arguments bad(String method, String path, String body, boolean token, int status,
      String field) {
    return Arguments.of(method, path, body, token, status, field);
  }

  @ParameterizedTest(name = "{0} {1} -> {4} {5}")
  @MethodSource("badRequests")
  @Order(7)
  void badRequestsGetAJsonErrorNamingTheField(String method, String path, String body,
      boolean token, int status, String field) throws Exception {
    HttpResponse<String> response = call(method, path, body, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = Http.JSON.readTree(response.body());
    assertThat(error.path("error").asText()).isNotEmpty();
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @Order(8)
  void aJsonContentTypeIsRequiredForTheBody() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/profiles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"5s\"}")).build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(415);
    contract.check("POST", "/api/v1/profiles", response);
  }

  /**
   * 300 malformed requests from a fixed seed, over every endpoint: mutated ids (traversal,
   * encodings, unicode), unknown and repeated parameters, absurd values, broken and hostile
   * bodies, odd methods. None may get a 5xx or a stack trace, and none may create a file named
   * after what it sent.
   */
  @Test
  @Order(9)
  void fuzzedRequestsNeverBreakTheServer() throws Exception {
    java.util.Random random = new java.util.Random(20261203L);
    String[] paths = {"/healthz", "/api/v1/openapi.json", "/api/v1/host", "/api/v1/process",
        "/api/v1/methods", "/api/v1/spans/ID/profile", "/api/v1/traces/ID/profile",
        "/api/v1/profiles", "/api/v1/profiles/ID", "/api/v1/profiles/ID/result"};
    String[] ids = {"fuzzmark", "..%2F..%2Ffuzzmark", "%2e%2e%2f%2e%2e%2ffuzzmark", "0123456789abcdeg",
        "0123456789ABCDEF", "%00fuzzmark", "fuzzmark%20x", "\u00e9t\u00e9", "0".repeat(200),
        "%ff%fe", "~fuzzmark", "f".repeat(15), "f".repeat(17), "-1", "null", "%252e%252e"};
    String[] params = {"format", "event", "limit", "window", "span", "sort", "threads", "fuzzmark", "id"};
    String[] values = {"", "-1", "0", "99999999999999999999", "1e9", "NaN", "html", "jfr", "../fuzzmark",
        "%00", "%E2%82", "5m", "-5m", "9999h", "cpu", "heap", "x".repeat(2000), "%2Ffuzzmark", "true"};
    String[] bodies = {"", "{", "}", "[]", "null", "1", "\"fuzzmark\"", "{\"duration\":\"/tmp/fuzzmark\"}",
        "{\"event\":{\"a\":1},\"duration\":\"5s\"}", "{\"duration\":[1,2,3]}",
        "{\"duration\":\"5s\",\"interval\":-1}", "{\"duration\":-9223372036854775808}",
        "{\"duration\":\"5s\",\"event\":\"alloc\",\"interval\":\"99999999999m\"}",
        "{\"duration\":\"5s\",\"threads\":null,\"file\":\"fuzzmark\"}",
        "[".repeat(3000), "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}",
        "{\"duration\":\"\u0000\"}", "\u00ff\u00fe"};
    String[] methods = {"GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};
    int requests = 0;
    for (int i = 0; i < 300; i++) {
      String path = paths[random.nextInt(paths.length)].replace("ID", ids[random.nextInt(ids.length)]);
      StringBuilder query = new StringBuilder();
      for (int p = random.nextInt(4); p > 0; p--) {
        query.append(query.length() == 0 ? '?' : '&').append(params[random.nextInt(params.length)])
            .append('=').append(values[random.nextInt(values.length)]);
      }
      String method = methods[random.nextInt(methods.length)];
      String body = method.equals("POST") || method.equals("PUT") ? bodies[random.nextInt(bodies.length)] : null;
      URI uri;
      try {
        uri = URI.create(base + path + query);
      } catch (IllegalArgumentException e) {
        continue; // not even a URI: the client cannot send it (the raw-socket rows cover those)
      }
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (random.nextBoolean()) {
        builder.header("Authorization", "Bearer " + (random.nextBoolean() ? TOKEN : "fuzzmark"));
      }
      if (body != null) {
        builder.header("Content-Type", random.nextInt(4) == 0 ? "text/fuzzmark" : "application/json");
      }
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      requests++;
      String what = method + " " + path + query + " " + body;
      assertThat(response.statusCode()).as(what).isLessThan(500);
      assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
      if (response.statusCode() >= 400 && !method.equals("HEAD")) {
        assertThat(Http.JSON.readTree(response.body()).path("error").asText()).as(what).isNotEmpty();
      }
    }
    for (String raw : new String[] {"GET /api/v1/spans/%zz/profile HTTP/1.1", "GET /api/v1/host?%zz HTTP/1.1",
        "GET fuzzmark HTTP/1.1", "BREW /api/v1/host HTTP/1.1", "GET /api/v1/" + "a".repeat(20000) + " HTTP/1.1"}) {
      assertThat(rawStatus(raw)).as(raw).isLessThan(500);
      requests++;
    }
    assertThat(requests).isGreaterThanOrEqualTo(200);
    assertThat(call("GET", "/healthz", null, false).statusCode()).isEqualTo(200);
    try (Stream<java.nio.file.Path> tmp = java.nio.file.Files.walk(
        java.nio.file.Paths.get(System.getProperty("java.io.tmpdir")), 3)) {
      assertThat(tmp.filter(f -> f.toString().contains("fuzzmark"))).isEmpty();
    } catch (java.io.UncheckedIOException e) {
      // another process removed a directory while we walked: the walk proves nothing then
    }
    try (Stream<java.nio.file.Path> work = java.nio.file.Files.walk(stack.workDir)) {
      assertThat(work.filter(f -> f.toString().contains("fuzzmark"))).isEmpty();
    }
  }

  /** The status line's code for a request the HTTP client would refuse to send; 400 if cut off. */
  private int rawStatus(String requestLine) throws Exception {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[12];
      int n = socket.getInputStream().readNBytes(head, 0, 12);
      String status = new String(head, 0, n, StandardCharsets.US_ASCII);
      return status.startsWith("HTTP/1.1 ") ? Integer.parseInt(status.substring(9, 12)) : 400;
    }
  }

  @Test
  @Order(10)
  void everyDocumentedOperationWasExercisedAndTheServerStillAnswers() throws Exception {
    assertThat(contract.covered()).containsAll(contract.operations());
    assertThat(call("GET", "/healthz", null, false).statusCode()).isEqualTo(200);
    assertThat(service.logText()).doesNotContain("REST handler failed");
  }

  /** Sends a request and checks its answer against the OpenAPI document when it is documented. */
  private HttpResponse<String> call(String method, String path, String body, boolean token)
      throws Exception {
    HttpResponse<String> response = send(method, path, body, token ? "Bearer " + TOKEN : null);
    if (!(response.statusCode() == 405 || (response.statusCode() == 404
        && response.body().contains("\"path\"")))) {
      contract.check(method, path, response);
    }
    return response;
  }

  private HttpResponse<String> send(String method, String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> bytes(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Asks for a download, reads a few bytes, and hangs up. */
  private void abandonDownload(String path) throws Exception {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      in.read(new byte[16]);
    }
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return Http.JSON.readTree(response.body());
  }

  private static JsonNode metric(JsonNode family, String name) {
    for (JsonNode m : family.path("metrics")) {
      if (m.path("name").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name + " not in " + family);
  }

  private static double value(JsonNode families, String family, String name) {
    return metric(families.path(family), name).path("points").get(0).path("value").asDouble();
  }

  private String service(String path) {
    return "http://127.0.0.1:" + servicePort + path;
  }
}
