package dev.perfapi.host;

import dev.perfapi.collection.DeviceReadings;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.DiskStats;
import dev.perfapi.procfs.ProcFiles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Block-device I/O from /proc/diskstats: {@code system.disk.io}, {@code system.disk.operations},
 * {@code system.disk.operation_time}, {@code system.disk.merged} by {@code system.device} and
 * {@code disk.io.direction}, and {@code system.disk.io_time} (busy time).
 *
 * <p>Read directly rather than through OSHI because OSHI's disk stores carry no per-direction
 * operation time. Partitions are skipped by default (a disk and its partitions would count the
 * same bytes twice in a sum); a device is a whole disk when /sys/block/NAME exists.
 */
final class DiskMetrics implements MetricFamily {
  static final AttributeKey<String> DEVICE = AttributeKey.stringKey("system.device");
  static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("disk.io.direction");

  private final ProcFiles proc;
  private final Path sysBlock;
  private final Pattern excluded;
  private final boolean partitions;
  private final Map<String, Attributes[]> attributes = new HashMap<>();
  private final DeviceReadings<Reading> readings;

  private static final class Reading {
    final DiskStats stats;
    final Attributes device;
    final Attributes read;
    final Attributes write;

    Reading(DiskStats stats, Attributes[] attributes) {
      this.stats = stats;
      this.device = attributes[0];
      this.read = attributes[1];
      this.write = attributes[2];
    }
  }

  DiskMetrics(ProcFiles proc, Path sysRoot, Pattern excluded, boolean partitions, int maxDevices) {
    this.proc = proc;
    this.sysBlock = sysRoot.resolve("block");
    this.excluded = excluded;
    this.partitions = partitions;
    this.readings = new DeviceReadings<>("disk", maxDevices);
  }

  @Override
  public String name() {
    return "disk";
  }

  @Override
  public void refresh() throws IOException {
    List<DiskStats> all = DiskStats.parse(proc.lines("diskstats"));
    boolean knowsWholeDisks = Files.isDirectory(sysBlock);
    List<Reading> selected = new ArrayList<>();
    for (DiskStats d : all) {
      if (excluded.matcher(d.device).find()) {
        continue;
      }
      if (!partitions && knowsWholeDisks && !Files.exists(sysBlock.resolve(d.device))) {
        continue;
      }
      selected.add(new Reading(d, attributes.computeIfAbsent(d.device, DiskMetrics::attributesOf)));
    }
    readings.publish(selected);
  }

  private static Attributes[] attributesOf(String device) {
    return new Attributes[] {
      Attributes.of(DEVICE, device),
      Attributes.of(DEVICE, device, DIRECTION, "read"),
      Attributes.of(DEVICE, device, DIRECTION, "write")
    };
  }

  @Override
  public void reset() {
    readings.reset();
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.counterBuilder("system.disk.io").setUnit("By")
            .setDescription("Bytes read from and written to each disk.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.stats.readBytes, r.read);
              m.record(r.stats.writeBytes, r.write);
            })));
    handles.add(
        meter.counterBuilder("system.disk.operations").setUnit("{operation}")
            .setDescription("Completed read and write operations of each disk.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.stats.reads, r.read);
              m.record(r.stats.writes, r.write);
            })));
    handles.add(
        meter.counterBuilder("system.disk.io_time").ofDoubles().setUnit("s")
            .setDescription("Time each disk had I/O in flight (busy time; rate = busy share).")
            .buildWithCallback(readings.eachDouble((r, m) -> m.record(r.stats.ioTimeMillis / 1000.0, r.device))));
    handles.add(
        meter.counterBuilder("system.disk.operation_time").ofDoubles().setUnit("s")
            .setDescription("Sum of the time each completed operation took, by direction.")
            .buildWithCallback(readings.eachDouble((r, m) -> {
              m.record(r.stats.readTimeMillis / 1000.0, r.read);
              m.record(r.stats.writeTimeMillis / 1000.0, r.write);
            })));
    handles.add(
        meter.counterBuilder("system.disk.merged").setUnit("{operation}")
            .setDescription("Adjacent operations merged into one by the I/O scheduler.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.stats.readsMerged, r.read);
              m.record(r.stats.writesMerged, r.write);
            })));
    return handles;
  }
}
