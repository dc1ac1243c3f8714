package dev.perfapi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7: native code that cannot run. A noexec or read-only directory for the profiler's
 * library, a noexec directory for JNA (OSHI), perf_events forbidden by the kernel, and a CPU
 * engine forced by configuration. Each is the real condition (a tmpfs mounted noexec or ro, the
 * kernel's perf_event_paranoid for a non-root JVM), and each must cost only what depends on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeFaultsIT {
  private static final String HASH = "dev.perfapi.sample.work.CpuWork.hashLoop";
  private static final Path PARANOID = Paths.get("/proc/sys/kernel/perf_event_paranoid");

  private Stack stack;
  private Prometheus prometheus;

  @BeforeAll
  void start() throws Exception {
    stack = new Stack("native-faults");
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
  void noexecProfilerDirectoryTurnsOnlyProfilingOff() throws Exception {
    try (Tmpfs noexec = Tmpfs.mount(stack.workDir.resolve("noexec-native"), "noexec")) {
      Service s = start("e2e-noexec-native", "-Dotel.perfapi.profiling.native.dir=" + noexec.dir);
      assertThat(s.lines("span profiling is off")).singleElement().asString()
          .contains("cannot load " + noexec.dir).contains("noexec").contains("otel.perfapi.profiling.native.dir");
      s.assertMetricsAndRestWork();
      s.stopQuietly();
    }
  }

  @Test
  void readOnlyProfilerDirectoryTurnsOnlyProfilingOff() throws Exception {
    try (Tmpfs readOnly = Tmpfs.mount(stack.workDir.resolve("ro-native"), "ro")) {
      Service s = start("e2e-ro-native", "-Dotel.perfapi.profiling.native.dir=" + readOnly.dir);
      assertThat(s.lines("span profiling is off")).singleElement().asString()
          .contains("cannot write the profiler's native library to " + readOnly.dir)
          .contains("otel.perfapi.profiling.native.dir");
      s.assertMetricsAndRestWork();
      s.stopQuietly();
    }
  }

  @Test
  void noexecJnaDirectoryCostsOnlyTheOshiFamilies() throws Exception {
    try (Tmpfs noexec = Tmpfs.mount(stack.workDir.resolve("noexec-jna"), "noexec")) {
      Service s = start("e2e-noexec-jna", "-Djna.tmpdir=" + noexec.dir);
      List<String> failed = s.lines("point -Djna.tmpdir at one that allows execution");
      System.out.println("measured: with a noexec jna.tmpdir these families fail:\n" + String.join("\n", failed));
      // One line per failing family, never repeated while it keeps failing.
      assertThat(failed).isNotEmpty().doesNotHaveDuplicates()
          .allSatisfy(line -> assertThat(line).contains("UnsatisfiedLinkError"));
      await("families read from /proc").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
          .untilAsserted(() -> {
            assertThat(s.success("memory")).isEqualTo(1);
            assertThat(s.success("cpu")).isEqualTo(0);
          });
      assertThat(s.lines("point -Djna.tmpdir")).isEqualTo(failed);
      assertThat(s.lines("span profiling on")).hasSize(1);
      s.assertHashLoopIsAttributed();
      s.stopQuietly();
    }
  }

  @Test
  void forcedItimerEngineIsUsedAndAttributes() throws Exception {
    Service s = start("e2e-itimer", "-Dotel.perfapi.profiling.cpu.engine=itimer");
    assertThat(s.lines("span profiling on")).singleElement().asString().contains("cpu engine requested: itimer");
    s.assertHashLoopIsAttributed();
    s.stopQuietly();
  }

  @Test
  void perfEventsForbiddenFallsBackAndAttributes() throws Exception {
    // The kernel's own switch: at 3 (Debian) no unprivileged process may open perf events. Root
    // is exempt, so the JVM runs as nobody. Other JVMs on the machine run as root: unaffected.
    assumeTrue(Files.isWritable(PARANOID), "perf_event_paranoid is not writable here (needs root)");
    String before = Files.readString(PARANOID, StandardCharsets.US_ASCII).trim();
    Files.writeString(PARANOID, "3");
    try {
      Service s = start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
          Stack.javaBin()), "e2e-no-perf-events");
      // async-profiler's cpu event falls back to ctimer by itself; the session names the engine.
      assertThat(s.lines("engine instead")).singleElement().asString()
          .containsPattern("uses the (itimer|ctimer) engine instead").contains("perf_events");
      s.assertHashLoopIsAttributed();
      s.stopQuietly();
    } finally {
      Files.writeString(PARANOID, before);
    }
  }

  private Service start(String name, String... jvmArgs) throws Exception {
    return start(List.of(Stack.javaBin()), name, jvmArgs);
  }

  private Service start(List<String> launcher, String name, String... jvmArgs) throws Exception {
    int port = Ports.free();
    int restPort = Ports.free();
    return new Service(name, port, restPort,
        stack.startServiceWith(launcher, name, port, restPort, jvmArgs));
  }

  /** One service under a fault, and what must keep working. */
  private final class Service {
    final String name;
    final int port;
    final int restPort;
    final ManagedProcess process;

    Service(String name, int port, int restPort, ManagedProcess process) {
      this.name = name;
      this.port = port;
      this.restPort = restPort;
      this.process = process;
    }

    /**
     * SIGTERM: the shutdown hook stops the profiler mid-period, which once logged "a profiling
     * period failed ... ClosedByInterruptException" on every stop.
     */
    void stopQuietly() {
      process.close();
      assertThat(lines("period failed")).isEmpty();
    }

    /** Log lines of our extension containing {@code text}. */
    List<String> lines(String text) {
      return Arrays.stream(process.logText().split("\n"))
          .filter(l -> l.contains("perfapi") && l.contains(text)).collect(Collectors.toList());
    }

    double success(String family) throws Exception {
      return prometheus.sum("perfapi_collector_success{service_name=\"" + name
          + "\",perfapi_collector=\"" + family + "\"}");
    }

    void assertMetricsAndRestWork() throws Exception {
      await("host and process metrics of " + name).atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String family : List.of("cpu", "memory", "filesystem", "process")) {
              assertThat(success(family)).as(family).isEqualTo(1);
            }
          });
      // The REST server runs without the profiler: an unknown span is a 404, not a dead port.
      assertThat(Http.status("http://127.0.0.1:" + restPort + "/api/v1/spans/00f067aa0ba902b7/profile"))
          .isEqualTo(404);
    }

    /** CPU of GET /work/cpu lands on its hot method: samples are joined to spans. */
    void assertHashLoopIsAttributed() throws Exception {
      Load load = Load.run("http://127.0.0.1:" + port + "/work/cpu?ms=50", 1, 40);
      assertThat(load.failed.get()).isZero();
      await("method timings of " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
          .until(() -> prometheus.sum("sum(method_cpu_time_seconds_total{service_name=\"" + name
              + "\",span_name=\"GET /work/cpu\",code_function_name=\"" + HASH
              + "\",method_time_scope=\"self\"})") > 0.3);
    }
  }
}
