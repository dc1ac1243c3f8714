package dev.perfapi.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real pipeline on free loopback ports: our Collector build, Debian's Prometheus, optionally
 * the Jaeger trace store, and sample-service JVMs with the OpenTelemetry agent and our extension. Every process is stopped
 * by its pid in {@link #close()}.
 */
final class Stack implements AutoCloseable {
  static final Path ROOT = Paths.get(System.getProperty("perfapi.root", "..")).toAbsolutePath().normalize();
  static final Path AGENT = ROOT.resolve("sample-service/target/agent/opentelemetry-javaagent.jar");
  static final Path EXTENSION = ROOT.resolve("extension/target/perfapi-extension.jar");
  static final Path SERVICE = ROOT.resolve("sample-service/target/sample-service.jar");
  static final Path COLLECTOR = Paths.get(System.getProperty("perfapi.collector.bin",
      ROOT.resolve("otel-collector/bin/otelcol-perfapi").toString()));
  static final Path COLLECTOR_CONFIG = ROOT.resolve("collector-config/collector.yaml");
  static final Path PROMETHEUS_TEMPLATE = ROOT.resolve("prometheus/prometheus.yml.tmpl");
  static final Path PROMETHEUS_BIN = Paths.get(System.getProperty("perfapi.prometheus.bin", "/usr/bin/prometheus"));
  static final Path PROMETHEUS_RULES = ROOT.resolve("prometheus/rules");
  static final Path JAEGER = Paths.get(System.getProperty("perfapi.jaeger.bin",
      ROOT.resolve("jaeger/bin/jaeger").toString()));
  static final Path JAEGER_CONFIG = ROOT.resolve("jaeger/jaeger.yaml");

  final Path workDir;
  final int otlpGrpcPort = Ports.free();
  final int otlpHttpPort = Ports.free();
  final int collectorPromPort = Ports.free();
  final int collectorHealthPort = Ports.free();
  final int collectorTelemetryPort = Ports.free();
  final int prometheusPort = Ports.free();
  final int jaegerOtlpGrpcPort = Ports.free();
  final int jaegerQueryPort = Ports.free();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private ManagedProcess collector;
  private boolean jaegerRunning;
  private ManagedProcess prometheus;

  Stack(String name) throws IOException {
    for (Path p : Arrays.asList(AGENT, EXTENSION, SERVICE, COLLECTOR, COLLECTOR_CONFIG, PROMETHEUS_BIN)) {
      if (!Files.exists(p)) {
        throw new IllegalStateException(p + " is missing: run `make test` (it builds the jars and"
            + " the Collector and installs Prometheus) rather than the e2e module alone");
      }
    }
    workDir = ROOT.resolve("e2e/target/stack-" + name);
    // A fresh Prometheus TSDB every run: series of an earlier run would add to every sum.
    deleteRecursively(workDir);
    Files.createDirectories(workDir);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  Map<String, String> collectorEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PERFAPI_OTLP_GRPC_PORT", String.valueOf(otlpGrpcPort));
    env.put("PERFAPI_OTLP_HTTP_PORT", String.valueOf(otlpHttpPort));
    env.put("PERFAPI_COLLECTOR_PROM_PORT", String.valueOf(collectorPromPort));
    env.put("PERFAPI_COLLECTOR_HEALTH_PORT", String.valueOf(collectorHealthPort));
    env.put("PERFAPI_COLLECTOR_TELEMETRY_PORT", String.valueOf(collectorTelemetryPort));
    env.put("PERFAPI_JAEGER_OTLP_GRPC_PORT", String.valueOf(jaegerOtlpGrpcPort));
    if (!jaegerRunning) {
      // No trace store in this test: the Collector's debug exporter takes the traces.
      env.put("PERFAPI_TRACES_EXPORTER", "debug");
    }
    return env;
  }

  /** Jaeger (in-memory) as the Collector's trace store; start it before the Collector. */
  ManagedProcess startJaeger() throws IOException {
    if (collector != null) {
      throw new IllegalStateException("start Jaeger before the Collector, which picks its traces exporter at start");
    }
    if (!Files.exists(JAEGER)) {
      throw new IllegalStateException(JAEGER + " is missing: run scripts/build-jaeger.sh (`make test` does)");
    }
    int healthPort = Ports.free();
    Map<String, String> env = new HashMap<>();
    env.put("PERFAPI_JAEGER_OTLP_GRPC_PORT", String.valueOf(jaegerOtlpGrpcPort));
    env.put("PERFAPI_JAEGER_OTLP_HTTP_PORT", String.valueOf(Ports.free()));
    env.put("PERFAPI_JAEGER_QUERY_PORT", String.valueOf(jaegerQueryPort));
    env.put("PERFAPI_JAEGER_QUERY_GRPC_PORT", String.valueOf(Ports.free()));
    env.put("PERFAPI_JAEGER_HEALTH_PORT", String.valueOf(healthPort));
    ManagedProcess jaeger = track(ManagedProcess.start("jaeger",
        Arrays.asList(JAEGER.toString(), "--config", JAEGER_CONFIG.toString()), env, workDir));
    awaitHttp(jaeger, "http://127.0.0.1:" + healthPort + "/", Duration.ofSeconds(60));
    jaegerRunning = true;
    return jaeger;
  }

  ManagedProcess startCollector() throws IOException {
    collector = track(ManagedProcess.start("collector",
        Arrays.asList(COLLECTOR.toString(), "--config", COLLECTOR_CONFIG.toString()),
        collectorEnv(), workDir));
    awaitHttp(collector, "http://127.0.0.1:" + collectorHealthPort + "/", Duration.ofSeconds(60));
    return collector;
  }

  void stopCollector() {
    collector.close();
    processes.remove(collector);
  }

  /** SIGKILL, as a crash or the OOM killer would end it: no flush, no goodbye to clients. */
  void killCollector() {
    collector.kill();
    processes.remove(collector);
  }

  void stopPrometheus() {
    prometheus.close();
    processes.remove(prometheus);
  }

  ManagedProcess startPrometheus() throws IOException {
    String template = new String(Files.readAllBytes(PROMETHEUS_TEMPLATE), StandardCharsets.UTF_8);
    Map<String, String> values = new HashMap<>();
    values.put("COLLECTOR_PROM_PORT", String.valueOf(collectorPromPort));
    values.put("COLLECTOR_TELEMETRY_PORT", String.valueOf(collectorTelemetryPort));
    values.put("RULES_DIR", PROMETHEUS_RULES.toString());
    Path config = workDir.resolve("prometheus.yml");
    Files.write(config, render(template, values).getBytes(StandardCharsets.UTF_8));
    prometheus = track(ManagedProcess.start("prometheus", Arrays.asList(
        PROMETHEUS_BIN.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + workDir.resolve("prom-data"),
        "--web.listen-address=127.0.0.1:" + prometheusPort,
        "--enable-feature=exemplar-storage"), new HashMap<>(), workDir));
    awaitHttp(prometheus, "http://127.0.0.1:" + prometheusPort + "/-/ready", Duration.ofSeconds(60));
    return prometheus;
  }

  /** Replaces the template's @NAME@ placeholders outside comments, as scripts/stack.sh does. */
  static String render(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    Pattern placeholder = Pattern.compile("@([A-Z0-9_]+)@");
    for (String line : template.split("\n", -1)) {
      if (!line.trim().startsWith("#")) {
        Matcher m = placeholder.matcher(line);
        StringBuffer rendered = new StringBuffer();
        while (m.find()) {
          String value = values.get(m.group(1));
          if (value == null) {
            throw new IllegalArgumentException("no value for @" + m.group(1) + "@");
          }
          m.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        m.appendTail(rendered);
        line = rendered.toString();
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * A sample-service JVM with the agent and our extension exporting to this stack's Collector,
   * its REST API on {@code restPort}.
   */
  ManagedProcess startService(String serviceName, int port, int restPort, String... extraJvmArgs)
      throws IOException {
    return startServiceWith(List.of(javaBin()), serviceName, port, restPort, extraJvmArgs);
  }

  /**
   * As {@link #startService}, launched by {@code launcher}: another JVM's {@code java}, or a
   * command such as {@code setpriv ... java} that changes how it runs.
   */
  ManagedProcess startServiceWith(List<String> launcher, String serviceName, int port, int restPort,
      String... extraJvmArgs) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(agentArgs(serviceName, restPort));
    command.addAll(Arrays.asList(extraJvmArgs));
    command.addAll(Arrays.asList("-jar", SERVICE.toString(), "--server.port=" + port));
    return startJvm(serviceName, command, "http://127.0.0.1:" + port + "/healthz");
  }

  /** Any JVM command (with {@link #agentArgs} in it), tracked, once {@code healthUrl} answers 200. */
  ManagedProcess startJvm(String name, List<String> command, String healthUrl) throws IOException {
    ManagedProcess process = track(ManagedProcess.start(name, command, new HashMap<>(), workDir));
    // Generous: with other builds on the same 2 cores a Spring Boot start has taken over 2 min.
    awaitHttp(process, healthUrl, Duration.ofSeconds(240));
    return process;
  }

  /** JVM options that attach the agent and our extension, exporting to this stack's Collector. */
  List<String> agentArgs(String serviceName, int restPort) {
    return new ArrayList<>(Arrays.asList(
        "-Xmx256m",
        "-javaagent:" + AGENT,
        "-Dotel.javaagent.extensions=" + EXTENSION,
        "-Dotel.service.name=" + serviceName,
        "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + otlpHttpPort,
        "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.metric.export.interval=2000",
        "-Dotel.logs.exporter=none",
        "-Dotel.perfapi.host.interval=2s",
        "-Dotel.perfapi.host.processes.interval=2s",
        "-Dotel.perfapi.profiling.period=2s",
        "-Dotel.perfapi.rest.port=" + restPort));
  }

  static String javaBin() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private ManagedProcess track(ManagedProcess process) {
    processes.add(process);
    return process;
  }

  private static void awaitHttp(ManagedProcess process, String url, Duration timeout) {
    await(process + " to answer " + url).atMost(timeout).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException(process + " exited:\n" + process.logText());
          }
          return Http.status(url) == 200;
        });
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    processes.clear();
  }
}
