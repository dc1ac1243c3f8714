package dev.perfapi.host;

import dev.perfapi.collection.DeviceReadings;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.collection.Oshi;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import oshi.software.os.OSFileStore;

/**
 * {@code system.filesystem.usage} by {@code system.filesystem.state} (used, free, reserved: a
 * partition of the size) and {@code system.filesystem.utilization} (used / (used + free), the
 * Use% of df), from OSHI's local file stores.
 *
 * <p>Case P06: pseudo, memory and overlay file systems are excluded by type (configurable), and
 * a device mounted more than once (bind mounts) is reported once, at its shortest mount point,
 * so no (device, mountpoint) appears twice and no device's bytes count twice.
 */
final class FilesystemMetrics implements MetricFamily {
  private static final AttributeKey<String> DEVICE = AttributeKey.stringKey("system.device");
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("system.filesystem.state");
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("system.filesystem.type");
  private static final AttributeKey<String> MODE = AttributeKey.stringKey("system.filesystem.mode");
  private static final AttributeKey<String> MOUNTPOINT =
      AttributeKey.stringKey("system.filesystem.mountpoint");

  private final Oshi oshi;
  private final Set<String> excludedTypes;
  private final Pattern excludedMountpoints;
  private final DeviceReadings<Reading> readings;

  static final class Reading {
    final long used;
    final long free;
    final long reserved;
    final Attributes usedAttributes;
    final Attributes freeAttributes;
    final Attributes reservedAttributes;

    Reading(String device, String mountpoint, String type, String mode, long total, long free,
        long usable) {
      // free >= usable: the difference is reserved for root; clamp against racy statvfs values.
      this.free = Math.max(0, Math.min(usable, total));
      this.reserved = Math.max(0, Math.min(free, total) - this.free);
      this.used = total - this.free - this.reserved;
      Attributes base =
          Attributes.of(DEVICE, device, TYPE, type, MODE, mode, MOUNTPOINT, mountpoint);
      usedAttributes = base.toBuilder().put(STATE, "used").build();
      freeAttributes = base.toBuilder().put(STATE, "free").build();
      reservedAttributes = base.toBuilder().put(STATE, "reserved").build();
    }
  }

  FilesystemMetrics(Oshi oshi, Set<String> excludedTypes, Pattern excludedMountpoints,
      int maxDevices) {
    this.oshi = oshi;
    this.excludedTypes = excludedTypes;
    this.excludedMountpoints = excludedMountpoints;
    this.readings = new DeviceReadings<>("filesystem", maxDevices);
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public void refresh() {
    // localOnly: a hung network mount must not stall the collection thread on statvfs.
    readings.publish(select(oshi.os().getFileSystem().getFileStores(true)));
  }

  List<Reading> select(Collection<OSFileStore> stores) {
    Map<String, OSFileStore> byDevice = new LinkedHashMap<>();
    for (OSFileStore store : stores) {
      String type = store.getType().toLowerCase(Locale.ROOT);
      if (excludedTypes.contains(type) || excludedMountpoints.matcher(store.getMount()).find()
          || store.getTotalSpace() <= 0) {
        continue;
      }
      byDevice.merge(store.getVolume(), store,
          (a, b) -> a.getMount().length() <= b.getMount().length() ? a : b);
    }
    List<Reading> result = new ArrayList<>(byDevice.size());
    for (OSFileStore s : byDevice.values()) {
      String mode = s.getOptions().startsWith("ro") ? "ro" : "rw";
      result.add(new Reading(s.getVolume(), s.getMount(), s.getType(), mode, s.getTotalSpace(),
          s.getFreeSpace(), s.getUsableSpace()));
    }
    return result;
  }

  @Override
  public void reset() {
    readings.reset();
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.upDownCounterBuilder("system.filesystem.usage").setUnit("By")
            .setDescription("File-system space used, free (to unprivileged users) and reserved"
                + " (for root); the three add up to the size.")
            .buildWithCallback(readings.eachLong((fs, m) -> {
              m.record(fs.used, fs.usedAttributes);
              m.record(fs.free, fs.freeAttributes);
              m.record(fs.reserved, fs.reservedAttributes);
            })));
    handles.add(
        meter.gaugeBuilder("system.filesystem.utilization").setUnit("1")
            .setDescription("Share of the file system in use, used / (used + free), as df's Use%.")
            .buildWithCallback(readings.eachDouble((fs, m) -> {
              long denominator = fs.used + fs.free;
              if (denominator > 0) {
                m.record((double) fs.used / denominator, fs.usedAttributes);
              }
            })));
    return handles;
  }
}
