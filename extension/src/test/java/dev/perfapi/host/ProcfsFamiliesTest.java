package dev.perfapi.host;

import static dev.perfapi.testing.FamilyHarness.sum;
import static dev.perfapi.testing.FamilyHarness.valueWhere;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfapi.procfs.Fixtures;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.testing.FamilyHarness;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Families that read /proc, run on fixture trees through a real SDK. */
class ProcfsFamiliesTest {
  private static final long GIB = 1L << 30;

  @Test
  void memoryStatesSumToLimit() throws Exception {
    try (FamilyHarness h = new FamilyHarness(new MemoryMetrics(Fixtures.proc("p04"))).refresh()) {
      Map<String, MetricData> m = h.collect();
      MetricData usage = m.get("system.memory.usage");
      assertThat(usage.getUnit()).isEqualTo("By");
      assertThat(usage.getType()).isEqualTo(MetricDataType.LONG_SUM);
      assertThat(usage.getLongSumData().isMonotonic()).isFalse();
      assertThat(sum(usage)).isEqualTo(16.0 * GIB);
      assertThat(sum(m.get("system.memory.limit"))).isEqualTo(16.0 * GIB);
      assertThat(valueWhere(usage, "system.memory.state", "used")).isEqualTo(13.0 * GIB);
      assertThat(sum(m.get("system.memory.utilization"))).isEqualTo(1.0);
      assertThat(sum(m.get("system.memory.linux.available"))).isEqualTo(3.0 * GIB);
      assertThat(m.get("system.memory.utilization").getUnit()).isEqualTo("1");
    }
  }

  @Test
  void pagingFromFixtures() throws Exception {
    try (FamilyHarness h = new FamilyHarness(new PagingMetrics(Fixtures.proc("p04"))).refresh()) {
      Map<String, MetricData> m = h.collect();
      assertThat(valueWhere(m.get("system.paging.usage"), "system.paging.state", "used"))
          .isEqualTo(1.0 * GIB);
      assertThat(sum(m.get("system.paging.utilization"))).isEqualTo(1.0);
      // p04 has no vmstat: no fault points, but no failure either
      assertThat(m).doesNotContainKey("system.paging.faults");
    }
    try (FamilyHarness h = new FamilyHarness(new PagingMetrics(Fixtures.proc("real"))).refresh()) {
      Map<String, MetricData> m = h.collect();
      assertThat(m.get("system.paging.faults").getLongSumData().isMonotonic()).isTrue();
      assertThat(m.get("system.paging.faults").getUnit()).isEqualTo("{fault}");
      assertThat(valueWhere(m.get("system.paging.faults"), "system.paging.fault.type", "major"))
          .isPositive();
      assertThat(m.get("system.paging.operations").getData().getPoints()).hasSize(2);
    }
  }

  @Test
  void diskSkipsLoopAndRamDevicesAndPartitions(@org.junit.jupiter.api.io.TempDir Path sys)
      throws Exception {
    java.nio.file.Files.createDirectories(sys.resolve("block/vda"));
    DiskMetrics disk = new DiskMetrics(Fixtures.proc("real"), sys,
        Pattern.compile("^(loop|ram|zram|fd|sr)\\d+$"), false, 64);
    try (FamilyHarness h = new FamilyHarness(disk).refresh()) {
      Map<String, MetricData> m = h.collect();
      MetricData io = m.get("system.disk.io");
      assertThat(io.getUnit()).isEqualTo("By");
      assertThat(io.getLongSumData().getPoints())
          .allSatisfy(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("system.device")))
              .isEqualTo("vda"));
      assertThat(valueWhere(io, "disk.io.direction", "read")).isEqualTo(2833602.0 * 512);
      assertThat(sum(m.get("system.disk.io_time"))).isEqualTo(17.656);
      assertThat(valueWhere(m.get("system.disk.operation_time"), "disk.io.direction", "write"))
          .isEqualTo(72.091);
      assertThat(m).containsKeys("system.disk.operations", "system.disk.merged");
    }
  }

  @Test
  void networkCountersPerInterfaceAndDirection() throws Exception {
    NetworkMetrics net = new NetworkMetrics(Fixtures.proc("real"), Pattern.compile("^$"), 64);
    try (FamilyHarness h = new FamilyHarness(net).refresh()) {
      Map<String, MetricData> m = h.collect();
      assertThat(m).containsKeys("system.network.io", "system.network.packet.count",
          "system.network.errors", "system.network.packet.dropped");
      assertThat(m.get("system.network.io").getLongSumData().getPoints())
          .anySatisfy(p -> {
            assertThat(p.getAttributes().get(NetworkMetrics.INTERFACE)).isEqualTo("lo");
            assertThat(p.getAttributes().get(NetworkMetrics.DIRECTION)).isIn("receive", "transmit");
          });
    }
  }

  @Test
  void deviceCapHolds() throws Exception {
    NetworkMetrics net = new NetworkMetrics(Fixtures.proc("real"), Pattern.compile("^$"), 1);
    try (FamilyHarness h = new FamilyHarness(net).refresh()) {
      // one interface, two directions
      assertThat(h.collect().get("system.network.io").getData().getPoints()).hasSize(2);
    }
  }

  @Test
  void processCountsAreAGaugeOfProcessesByState() throws Exception {
    try (FamilyHarness h = new FamilyHarness(new ProcessCountMetrics(Fixtures.proc("pids"))).refresh()) {
      Map<String, MetricData> m = h.collect();
      MetricData count = m.get("system.process.count");
      assertThat(count.getLongSumData().isMonotonic()).isFalse();
      assertThat(count.getUnit()).isEqualTo("{process}");
      assertThat(sum(count)).isEqualTo(4);
      assertThat(valueWhere(count, "process.state", "defunct")).isEqualTo(1);
      assertThat(valueWhere(count, "process.state", "blocked")).isEqualTo(1);
      assertThat(sum(m.get("system.process.created"))).isEqualTo(123456);
      assertThat(m.get("system.process.created").getLongSumData().isMonotonic()).isTrue();
    }
  }

  @Test
  void missingProcfsFailsTheFamilyWithoutData() {
    ProcFiles nowhere = new ProcFiles(Paths.get("/nonexistent-perfapi"));
    MemoryMetrics memory = new MemoryMetrics(nowhere);
    org.assertj.core.api.Assertions.assertThatThrownBy(memory::refresh)
        .isInstanceOf(java.io.IOException.class);
  }
}
