package dev.perfapi.procfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Per-device counters from /proc/diskstats (Documentation/admin-guide/iostats.rst). */
public final class DiskStats {
  /** The kernel always counts sectors of 512 bytes in diskstats, whatever the device's sector size. */
  private static final long SECTOR_BYTES = 512;

  public final String device;
  public final long reads;
  public final long readsMerged;
  public final long readBytes;
  public final long readTimeMillis;
  public final long writes;
  public final long writesMerged;
  public final long writeBytes;
  public final long writeTimeMillis;
  /** Milliseconds during which the device had I/O in flight ("busy" time). */
  public final long ioTimeMillis;

  private DiskStats(String[] f) {
    device = f[2];
    reads = Long.parseLong(f[3]);
    readsMerged = Long.parseLong(f[4]);
    readBytes = Long.parseLong(f[5]) * SECTOR_BYTES;
    readTimeMillis = Long.parseLong(f[6]);
    writes = Long.parseLong(f[7]);
    writesMerged = Long.parseLong(f[8]);
    writeBytes = Long.parseLong(f[9]) * SECTOR_BYTES;
    writeTimeMillis = Long.parseLong(f[10]);
    ioTimeMillis = Long.parseLong(f[12]);
  }

  /** Parses every well-formed line; malformed lines are skipped. */
  public static List<DiskStats> parse(List<String> lines) {
    if (lines.isEmpty()) {
      return Collections.emptyList();
    }
    List<DiskStats> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 14) {
        continue;
      }
      try {
        result.add(new DiskStats(f));
      } catch (NumberFormatException ignored) {
        // skip a line we cannot read rather than lose every device
      }
    }
    return result;
  }
}
