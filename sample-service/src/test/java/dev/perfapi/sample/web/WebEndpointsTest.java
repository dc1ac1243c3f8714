package dev.perfapi.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfapi.sample.work.LockWork;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real application on a random port, exercised over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebEndpointsTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Autowired LockWork lockWork;

  @Test
  void healthzIsUp() throws Exception {
    Reply reply = get("/healthz");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("UP");
  }

  @ParameterizedTest
  @CsvSource({
    "/work/cpu?ms=5, cpu",
    "/work/spin?ms=5, spin",
    "/work/pool?ms=5, pool",
    "/work/async?ms=5, async",
    "/work/alloc?mb=1, alloc",
    "/work/io?ms=5, io",
    "/work/lock?ms=1, lock",
    "/work/cpu, cpu",
  })
  void everyEndpointAnswersJson(String path, String endpoint) throws Exception {
    Reply reply = get(path);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().path("endpoint").asText()).isEqualTo(endpoint);
  }

  @ParameterizedTest
  @CsvSource({
    "/work/cpu?ms=abc, ms",
    "/work/cpu?ms=0, ms",
    "/work/cpu?ms=1001, ms",
    "/work/cpu?ms=, ms",
    "/work/cpu?ms=1.5, ms",
    "/work/cpu?ms=1&ms=2, ms",
    "/work/cpu?ms=99999999999999999999, ms",
    "/work/spin?ms=-1, ms",
    "/work/pool?ms=x, ms",
    "/work/async?ms=1e3, ms",
    "/work/io?ms=0, ms",
    "/work/lock?ms=100000, ms",
    "/work/alloc?mb=0, mb",
    "/work/alloc?mb=257, mb",
    "/work/alloc?mb=lots, mb",
  })
  void badParametersAre400NamingTheParameter(String path, String parameter) throws Exception {
    Reply reply = get(path);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json().path("error").asText()).isEqualTo("invalid_parameter");
    assertThat(reply.json().path("parameter").asText()).isEqualTo(parameter);
    assertThat(reply.json().path("message").asText()).startsWith(parameter + " must be");
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
  }

  @Test
  void unknownPathIsA404WithoutStackTrace() throws Exception {
    Reply reply = get("/work/nope");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void poolWorkRunsOnAWorkPoolThread() throws Exception {
    JsonNode json = get("/work/pool?ms=10").json();
    assertThat(json.path("requestThread").asText()).startsWith("http-nio-");
    assertThat(json.at("/pool/method/method").asText()).isEqualTo("PoolWork.crunch");
    assertThat(json.at("/pool/method/thread").asText()).matches("work-pool-\\d+");
  }

  @Test
  void asyncStagesRunOnWorkPoolThreads() throws Exception {
    JsonNode stages = get("/work/async?ms=10").json().path("stages");
    assertThat(stages).hasSize(2);
    assertThat(stages.get(0).at("/method/method").asText()).isEqualTo("AsyncWork.firstStage");
    assertThat(stages.get(1).at("/method/method").asText()).isEqualTo("AsyncWork.secondStage");
    assertThat(stages.get(0).at("/method/thread").asText()).matches("work-pool-\\d+");
    assertThat(stages.get(1).at("/method/thread").asText()).matches("work-pool-\\d+");
  }

  /**
   * Two concurrent calls: the first holds the lock (1 s), the second is sent once the first is inside and must
   * come back reporting that it blocked on the monitor. Whether it did is read from the JVM's monitor-blocked
   * count, not from timings. Only a scheduling stall longer than the whole hold could defeat an attempt, so a
   * few attempts are allowed.
   */
  @Test
  void concurrentLockCallsContend() throws Exception {
    JsonNode first = null;
    JsonNode second = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      CompletableFuture<Reply> firstCall = getAsync("/work/lock?ms=1000");
      await().atMost(Duration.ofSeconds(30)).until(() -> lockWork.holder() != null || firstCall.isDone());
      Thread holder = lockWork.holder();
      CompletableFuture<Reply> secondCall = getAsync("/work/lock?ms=1");
      if (holder != null) {
        // Best effort: see the second request thread BLOCKED on the holder's monitor (diagnostic only).
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> blockedOn(holder) || firstCall.isDone());
      }
      first = firstCall.get().json();
      second = secondCall.get().json();
      if (second.path("contended").asBoolean()) {
        break;
      }
    }
    assertThat(first.path("contended").asBoolean()).isFalse();
    assertThat(second.path("contended").asBoolean()).isTrue();
    assertThat(second.path("blockedCount").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(second.path("waitedMs").asDouble()).isPositive();
  }

  private static boolean blockedOn(Thread holder) {
    ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
    return Arrays.stream(infos)
        .anyMatch(i -> i.getThreadState() == Thread.State.BLOCKED && i.getLockOwnerId() == holder.getId());
  }

  private record Reply(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
  }

  private Reply get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = CLIENT.send(request(path), HttpResponse.BodyHandlers.ofString());
    return toReply(response);
  }

  private CompletableFuture<Reply> getAsync(String path) {
    return CLIENT.sendAsync(request(path), HttpResponse.BodyHandlers.ofString()).thenApply(WebEndpointsTest::toReply);
  }

  private static Reply toReply(HttpResponse<String> response) {
    return new Reply(
        response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }
}
