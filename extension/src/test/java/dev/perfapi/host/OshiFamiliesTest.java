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
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import oshi.software.os.OSFileStore;

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
    FilesystemMetrics fs = new FilesystemMetrics(OSHI,
        new HashSet<>(PerfApiConfig.DEFAULT_EXCLUDED_FS_TYPES),
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
    FilesystemMetrics fs = new FilesystemMetrics(OSHI,
        new HashSet<>(PerfApiConfig.DEFAULT_EXCLUDED_FS_TYPES), Pattern.compile("^/(proc|sys)($|/)"), 64);
    List<FilesystemMetrics.Reading> readings = fs.select(Arrays.asList(
        store("/dev/sda1", "/", "ext4", 1000, 400, 350),
        store("/dev/sda1", "/srv/bind", "ext4", 1000, 400, 350),
        store("tmpfs", "/dev/shm", "tmpfs", 500, 500, 500),
        store("overlay", "/var/lib/docker/overlay2/x/merged", "overlay", 1000, 400, 350),
        store("proc", "/proc", "proc", 0, 0, 0)));
    assertThat(readings).hasSize(1);
    FilesystemMetrics.Reading root = readings.get(0);
    assertThat(root.usedAttributes.get(io.opentelemetry.api.common.AttributeKey
        .stringKey("system.filesystem.mountpoint"))).isEqualTo("/");
    assertThat(root.used).isEqualTo(600);
    assertThat(root.free).isEqualTo(350);
    assertThat(root.reserved).isEqualTo(50);
    assertThat(root.used + root.free + root.reserved).isEqualTo(1000);
  }

  private static OSFileStore store(String volume, String mount, String type, long total,
      long free, long usable) {
    return (OSFileStore) Proxy.newProxyInstance(OSFileStore.class.getClassLoader(),
        new Class<?>[] {OSFileStore.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getVolume": return volume;
            case "getMount": return mount;
            case "getType": return type;
            case "getTotalSpace": return total;
            case "getFreeSpace": return free;
            case "getUsableSpace": return usable;
            case "getOptions": return "rw,relatime";
            default: throw new UnsupportedOperationException(method.getName());
          }
        });
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
