package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.jna.Native;
import dev.perfapi.e2e.app.BundledApp;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import one.profiler.AsyncProfiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import oshi.SystemInfo;

/**
 * Issue 7: applications that bring their own copies of the native libraries our extension uses.
 * Both sides must work, the JVM must not crash, and our profiling stands down with one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledLibrariesIT {
  private static final String STANDS_DOWN = "another async-profiler is in this JVM (";

  private Stack stack;
  private Prometheus prometheus;

  @BeforeAll
  void start() throws Exception {
    stack = new Stack("bundled");
    stack.startCollector();
    stack.startPrometheus();
    prometheus = new Prometheus(stack.prometheusPort);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void applicationWithItsOwnOshiJnaAndAsyncProfiler() throws Exception {
    String name = "e2e-bundled-app";
    int port = Ports.free();
    List<String> command = new ArrayList<>(List.of(Stack.javaBin()));
    command.addAll(stack.agentArgs(name, Ports.free()));
    command.addAll(List.of("-cp", classPath(BundledApp.class, SystemInfo.class, Native.class,
        com.sun.jna.platform.linux.LibC.class, AsyncProfiler.class, org.slf4j.Logger.class),
        BundledApp.class.getName(), String.valueOf(port)));
    ManagedProcess app = stack.startJvm(name, command, "http://127.0.0.1:" + port + "/healthz");

    // The application's OSHI 6.4 on its JNA 5.13 reads the host.
    String oshi = Http.get("http://127.0.0.1:" + port + "/oshi").body();
    assertThat(oshi).contains("logicalCpus=" + Runtime.getRuntime().availableProcessors())
        .contains("oshi-core-6.4.13.jar").contains("jna=5.13.0");
    // The application's async-profiler 4.1 loads and profiles its own method.
    HttpResponse<String> profile = Http.get("http://127.0.0.1:" + port + "/profile");
    assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
    assertThat(profile.body()).contains("version=4.1").contains("BundledApp.burn");
    // Our extension: profiling stood down with one line naming the other copy; the host families
    // (our OSHI 6.12 on our JNA, loaded by the agent's class loader) work.
    assertThat(app.logText()).contains(STANDS_DOWN + "the application's class path has")
        .doesNotContain("SIGSEGV", "hs_err");
    awaitHealthyFamilies(name);
    assertThat(app.isAlive()).isTrue();
  }

  @Test
  void renamedAsyncProfilerLoadedAsAnAgentIsRecognised() throws Exception {
    // The same library under a name that does not say what it is (a vendor's bundle).
    Path renamed = stack.workDir.resolve("libvendor-sampler.so");
    try (InputStream in = AsyncProfiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
      Files.copy(in, renamed, StandardCopyOption.REPLACE_EXISTING);
    }
    String name = "e2e-renamed-profiler";
    int port = Ports.free();
    ManagedProcess service = stack.startService(name, port, Ports.free(), "-agentpath:" + renamed);
    assertThat(service.logText()).contains(STANDS_DOWN + renamed + ")");
    assertThat(Http.status("http://127.0.0.1:" + port + "/work/cpu?ms=50")).isEqualTo(200);
    awaitHealthyFamilies(name);
  }

  private void awaitHealthyFamilies(String service) {
    await("host and process families of " + service).atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
          assertThat(prometheus.sum("sum(perfapi_collector_success{service_name=\"" + service
              + "\",perfapi_collector=~\"cpu|process\"})")).isEqualTo(2);
          assertThat(prometheus.query("system_cpu_time_seconds_total{service_name=\"" + service + "\"}"))
              .isNotEmpty();
        });
  }

  /** The jars (or directories) the given classes come from, as a class path. */
  private static String classPath(Class<?>... classes) throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : classes) {
      entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }
}
