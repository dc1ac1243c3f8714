package dev.perfapi.procfs;

import java.util.List;
import java.util.Map;

/** Paging counters from /proc/vmstat. Absent counters are -1 ("no data"). */
public final class VmStat {
  /** All page faults (minor + major). */
  public final long pageFaults;
  public final long majorFaults;
  /** Pages swapped in / out. */
  public final long swapIn;
  public final long swapOut;
  /** KiB paged in / out from/to block devices (includes ordinary file I/O). */
  public final long pageIn;
  public final long pageOut;

  private VmStat(Map<String, Long> v) {
    pageFaults = v.getOrDefault("pgfault", -1L);
    majorFaults = v.getOrDefault("pgmajfault", -1L);
    swapIn = v.getOrDefault("pswpin", -1L);
    swapOut = v.getOrDefault("pswpout", -1L);
    pageIn = v.getOrDefault("pgpgin", -1L);
    pageOut = v.getOrDefault("pgpgout", -1L);
  }

  public static VmStat parse(List<String> lines) {
    return new VmStat(KeyValueParser.parse(lines));
  }

  public long minorFaults() {
    return pageFaults < 0 || majorFaults < 0 ? -1 : Math.max(0, pageFaults - majorFaults);
  }
}
