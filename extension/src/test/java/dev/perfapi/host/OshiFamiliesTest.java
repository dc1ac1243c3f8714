package dev.perfapi.host;

import static dev.perfapi.testing.FamilyHarness.points;
import static dev.perfapi.testing.FamilyHarness.sum;
import static dev.perfapi.testing.FamilyHarness.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.perfapi.collection.Oshi;
import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.testing.FamilyHarness;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Families that read OSHI, checked for invariants on the real host. */
class OshiFamiliesTest {
  private static final Oshi OSHI = new Oshi();

  @Test
  void cpuTimeGrowsAndUtilizationSumsToOne() throws Exception {
    try (FamilyHarness h = new FamilyHarness(new CpuMetrics(OSHI, true)).refresh()) {
      double before = sum(h.collect().get("system.cpu.time"));
      burn(1500);
      h.refresh();
      Map<String, MetricData> m = h.collect();
      MetricData time = m.get("system.cpu.time");
      assertThat(time.getUnit()).isEqualTo("s");
      assertThat(time.getDoubleSumData().isMonotonic()).isTrue();
      assertThat(sum(time)).isGreaterThan(before);
      int cpus = Runtime.getRuntime().availableProcessors();
      // total utilization over all modes = 1, plus 1 for each logical CPU series
      assertThat(sum(m.get("system.cpu.utilization"))).isCloseTo(1.0 + cpus, within(1e-6));
      assertThat(points(m.get("system.cpu.utilization")))
          .allSatisfy(p -> assertThat(value(p)).isBetween(0.0, 1.0));
      assertThat(sum(m.get("system.cpu.logical.count")))
          .isEqualTo(OSHI.hardware().getProcessor().getLogicalProcessorCount());
      assertThat(m.get("system.cpu.logical.count").getUnit()).isEqualTo("{cpu}");
    }
  }

  @Test
  void loadAndUptime() throws Exception {
    try (FamilyHarness h = new FamilyHarness(new LoadMetrics(OSHI)).refresh()) {
      Map<String, MetricData> m = h.collect();
      assertThat(m).containsKeys("system.cpu.load_average.1m", "system.cpu.load_average.5m",
          "system.cpu.load_average.15m");
      assertThat(sum(m.get("system.uptime"))).isPositive();
    }
  }

  @Test
  void filesystemsOnRealHostHaveConsistentStates() throws Exception {
    FilesystemMetrics fs = new FilesystemMetrics(new dev.perfapi.procfs.ProcFiles(
        java.nio.file.Paths.get("/proc")), new HashSet<>(PerfApiConfig.DEFAULT_EXCLUDED_FS_TYPES),
        Pattern.compile("^/(proc|sys|dev|run)($|/)"), 64);
    try (FamilyHarness h = new FamilyHarness(fs).refresh()) {
      MetricData usage = h.collect().get("system.filesystem.usage");
      assertThat(usage).isNotNull();
      assertThat(points(usage)).allSatisfy(p -> {
        assertThat(value(p)).isNotNegative();
        assertThat(p.getAttributes().get(io.opentelemetry.api.common.AttributeKey
            .stringKey("system.filesystem.type"))).isNotIn("tmpfs", "proc", "overlay");
      });
    }
  }

  @Test
  void bindMountsCountOnceAndPseudoFileSystemsAreExcluded() {
    // Case P06
    FilesystemMetrics fs = new FilesystemMetrics(null,
        new HashSet<>(PerfApiConfig.DEFAULT_EXCLUDED_FS_TYPES), Pattern.compile("^/(proc|sys)($|/)"), 64);
    java.util.Set<String> asked = new HashSet<>();
    List<FilesystemMetrics.Reading> readings = fs.select(Arrays.asList(
        mount("/dev/sda1", "/srv/bind", "ext4"),
        mount("/dev/sda1", "/", "ext4"),
        mount("tmpfs", "/dev/shm", "tmpfs"),
        mount("overlay", "/var/lib/docker/overlay2/x/merged", "overlay"),
        mount("server:/export", "/mnt/nfs", "nfs4"),
        mount("proc", "/proc", "proc")), m -> {
          asked.add(m.mountpoint);
          return new long[] {1000, 400, 350};
        });
    // only the one real file system was asked for its space: never a network mount
    assertThat(asked).containsExactly("/");
    assertThat(readings).hasSize(1);
    FilesystemMetrics.Reading root = readings.get(0);
    assertThat(root.usedAttributes.get(io.opentelemetry.api.common.AttributeKey
        .stringKey("system.filesystem.mountpoint"))).isEqualTo("/");
    assertThat(root.used).isEqualTo(600);
    assertThat(root.free).isEqualTo(350);
    assertThat(root.reserved).isEqualTo(50);
    assertThat(root.used + root.free + root.reserved).isEqualTo(1000);
  }

  private static dev.perfapi.procfs.Mounts.Mount mount(String device, String mountpoint, String type) {
    return new dev.perfapi.procfs.Mounts.Mount(device, mountpoint, type, "rw,relatime");
  }

  static void burn(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long x = 0;
    while (System.nanoTime() < end) {
      x += Long.numberOfTrailingZeros(x + 1);
    }
    if (x == 42) {
      System.out.println(x);
    }
  }
}
