package dev.perfapi.process;

import static dev.perfapi.testing.FamilyHarness.sum;
import static dev.perfapi.testing.FamilyHarness.valueWhere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfapi.collection.Oshi;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.testing.FamilyHarness;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM's own process metrics cross-checked against /proc/self. */
class ProcessMetricsTest {
  @Test
  void agreesWithProcSelf() throws Exception {
    ProcessMetrics family = new ProcessMetrics(new Oshi(), new ProcFiles(Paths.get("/proc")));
    try (FamilyHarness h = new FamilyHarness(family).refresh()) {
      h.refresh(); // a second reading gives utilization
      Map<String, MetricData> m = h.collect();
      Map<String, Long> status = status();

      assertThat(sum(m.get("process.memory.usage")))
          .isCloseTo(status.get("VmRSS"), within(status.get("VmRSS") * 0.10));
      assertThat(sum(m.get("process.thread.count")))
          .isCloseTo(status.get("Threads"), within(5.0));
      assertThat(m.get("process.thread.count").getUnit()).isEqualTo("{thread}");
      assertThat(sum(m.get("process.unix.file_descriptor.count"))).isPositive();
      assertThat(sum(m.get("process.cpu.time"))).isPositive();
      assertThat(m.get("process.cpu.time").getDoubleSumData().isMonotonic()).isTrue();
      assertThat(valueWhere(m.get("process.context_switches"), "process.context_switch.type",
          "voluntary")).isPositive();
      assertThat(m).containsKeys("process.memory.virtual", "process.disk.io",
          "process.paging.faults", "process.uptime", "process.cpu.utilization");
      assertThat(sum(m.get("process.cpu.utilization"))).isBetween(0.0, 1.0);
    }
  }

  private static Map<String, Long> status() throws Exception {
    Map<String, Long> values = new java.util.HashMap<>();
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      String[] parts = line.split("[:\\s]+");
      if (parts.length >= 2 && parts[1].matches("\\d+")) {
        long v = Long.parseLong(parts[1]);
        values.put(parts[0], parts.length > 2 && parts[2].equals("kB") ? v * 1024 : v);
      }
    }
    return values;
  }
}
