package dev.perfapi.rest;

import dev.perfapi.collection.CollectionLoop;
import dev.perfapi.collection.MetricSnapshots;
import dev.perfapi.procfs.FileDescriptorLimit;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.procfs.ThreadCpuTimes;
import dev.perfapi.procfs.ThreadCpuTimes.ThreadCpu;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/host and GET /api/v1/process: the figures the metric families last read, as
 * exported (names, units, attributes), with when each family last read its source. The process
 * view adds what a metric cannot carry well: the busiest threads by name, and the descriptor limit.
 */
final class SnapshotEndpoints {
  static final String PROCESS_FAMILY = "process";

  private final MetricSnapshots snapshots;
  private final CollectionLoop loop;
  private final ProcFiles proc;

  SnapshotEndpoints(MetricSnapshots snapshots, CollectionLoop loop, ProcFiles proc) {
    this.snapshots = snapshots;
    this.loop = loop;
    this.proc = proc;
  }

  void host(RestRequest request) throws ApiException, IOException {
    request.allowOnly();
    Map<String, List<MetricData>> families = collect("host metrics",
        "otel.perfapi.host.enabled");
    families.remove(PROCESS_FAMILY);
    if (families.isEmpty()) {
      throw new ApiException(503, null, "host metrics are disabled by configuration"
          + " (otel.perfapi.host.enabled)");
    }
    Map<String, Object> body = header();
    Map<String, Object> byFamily = new LinkedHashMap<>();
    families.forEach((name, metrics) -> byFamily.put(name, family(name, metrics)));
    body.put("families", byFamily);
    request.json(200, body);
  }

  void process(RestRequest request) throws ApiException, IOException {
    request.allowOnly("threads");
    int top = request.intParam("threads", 10, 0, 10_000);
    List<MetricData> metrics = collect("process metrics", "otel.perfapi.process.enabled")
        .get(PROCESS_FAMILY);
    if (metrics == null) {
      throw new ApiException(503, null, "process metrics are disabled by configuration"
          + " (otel.perfapi.process.enabled)");
    }
    Map<String, Object> body = header();
    body.put("pid", ProcessHandle.current().pid());
    body.putAll(family(PROCESS_FAMILY, metrics));
    body.put("threads", threads(top));
    body.put("file_descriptors", fileDescriptors());
    request.json(200, body);
  }

  private Map<String, List<MetricData>> collect(String what, String property)
      throws ApiException {
    if (snapshots == null || loop == null) {
      throw new ApiException(503, null, what + " are disabled by configuration (" + property + ")");
    }
    return snapshots.collect();
  }

  private static Map<String, Object> header() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", MetricJson.time(System.currentTimeMillis()));
    return body;
  }

  private Map<String, Object> family(String name, List<MetricData> metrics) {
    Map<String, Object> json = new LinkedHashMap<>();
    CollectionLoop.FamilyStatus status = loop.status().get(name);
    json.put("ok", status != null && status.ok);
    json.put("read_at", status == null ? null : MetricJson.time(status.lastSuccessMillis));
    json.put("metrics", MetricJson.metrics(metrics));
    return json;
  }

  /** The {@code top} threads by CPU time since they started, with the thread count by state. */
  private Map<String, Object> threads(int top) {
    Map<String, Object> json = new LinkedHashMap<>();
    try {
      List<ThreadCpu> threads = ThreadCpuTimes.read(proc, "self");
      Map<String, Integer> byState = new java.util.TreeMap<>();
      for (ThreadCpu t : threads) {
        byState.merge(t.state.value(), 1, Integer::sum);
      }
      threads.sort((a, b) -> Double.compare(b.cpuSeconds, a.cpuSeconds));
      List<Object> list = new ArrayList<>();
      for (ThreadCpu t : threads.subList(0, Math.min(top, threads.size()))) {
        Map<String, Object> thread = new LinkedHashMap<>();
        thread.put("tid", t.tid);
        thread.put("name", t.name);
        thread.put("state", t.state.value());
        thread.put("cpu_seconds", t.cpuSeconds);
        list.add(thread);
      }
      json.put("count", threads.size());
      json.put("by_state", byState);
      json.put("top_by_cpu", list);
    } catch (IOException e) {
      json.put("error", "cannot read " + proc.resolve("self/task") + ": " + e.getMessage());
    }
    return json;
  }

  private Map<String, Object> fileDescriptors() {
    Map<String, Object> json = new LinkedHashMap<>();
    try {
      FileDescriptorLimit limit = FileDescriptorLimit.read(proc, "self");
      json.put("open", openDescriptors());
      json.put("limit_soft", limit == null ? null : limit.soft);
      json.put("limit_hard", limit == null ? null : limit.hard);
    } catch (IOException e) {
      json.put("error", "cannot read " + proc.resolve("self") + ": " + e.getMessage());
    }
    return json;
  }

  private long openDescriptors() throws IOException {
    long n = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("self/fd"))) {
      for (Path ignored : fds) {
        n++;
      }
    }
    return n - 1; // the descriptor of the listing itself
  }
}
