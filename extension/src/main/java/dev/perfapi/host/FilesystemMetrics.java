package dev.perfapi.host;

import dev.perfapi.collection.DeviceReadings;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.Mounts;
import dev.perfapi.procfs.Mounts.Mount;
import dev.perfapi.procfs.ProcFiles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.function.Function;

/**
 * {@code system.filesystem.usage} by {@code system.filesystem.state} (used, free, reserved: a
 * partition of the size) and {@code system.filesystem.utilization} (used / (used + free), the
 * Use% of df), from the mount table and statvfs (through java.nio's FileStore).
 *
 * <p>Not through OSHI: its file-store listing starts {@code lsblk} on every call to read volume
 * labels, which we do not report; a process fork every interval costs more than the rest of
 * the collection together (measured in bench/).
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

  /**
   * Network file systems are never read: statvfs on a hung server blocks the collection thread
   * (what OSHI's "local only" excluded for us before).
   */
  static final Set<String> NETWORK_TYPES = new HashSet<>(Arrays.asList(
      "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
      "fuse.glusterfs", "fuse.sshfs", "sshfs", "lustre", "gpfs", "9p", "fuse.s3fs", "davfs",
      "fuse.rclone"));

  private final ProcFiles proc;
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

  FilesystemMetrics(ProcFiles proc, Set<String> excludedTypes, Pattern excludedMountpoints,
      int maxDevices) {
    this.proc = proc;
    this.excludedTypes = excludedTypes;
    this.excludedMountpoints = excludedMountpoints;
    this.readings = new DeviceReadings<>("filesystem", maxDevices);
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public void refresh() throws IOException {
    readings.publish(select(Mounts.read(proc), FilesystemMetrics::statvfs));
  }

  /** total, free and usable bytes, as statvfs reports them; null when it cannot be read. */
  private static long[] statvfs(Mount mount) {
    try {
      FileStore store = Files.getFileStore(Paths.get(mount.mountpoint));
      return new long[] {store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace()};
    } catch (IOException | RuntimeException e) {
      return null; // unmounted meanwhile, or no permission: skip it this round
    }
  }

  /**
   * Filters the mount table first (excluded and network types, excluded mount points), keeps each
   * device once at its shortest mount point, and only then asks each for its space.
   */
  List<Reading> select(List<Mount> mounts, Function<Mount, long[]> space) {
    Map<String, Mount> byDevice = new LinkedHashMap<>();
    for (Mount m : mounts) {
      String type = m.type.toLowerCase(Locale.ROOT);
      if (excludedTypes.contains(type) || NETWORK_TYPES.contains(type)
          || excludedMountpoints.matcher(m.mountpoint).find()) {
        continue;
      }
      byDevice.merge(m.device, m,
          (a, b) -> a.mountpoint.length() <= b.mountpoint.length() ? a : b);
    }
    List<Reading> result = new ArrayList<>(byDevice.size());
    for (Mount m : byDevice.values()) {
      long[] s = space.apply(m);
      if (s == null || s[0] <= 0) {
        continue;
      }
      result.add(new Reading(m.device, m.mountpoint, m.type, m.readOnly() ? "ro" : "rw", s[0],
          s[1], s[2]));
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
