package dev.perfapi.procfs;

import java.util.List;
import java.util.Map;

/**
 * Memory figures from /proc/meminfo, split into states that partition MemTotal exactly.
 *
 * <p>The split follows procps-ng {@code free}: {@code cached} is page cache plus reclaimable slab
 * (Cached + SReclaimable, which includes Shmem), {@code used} is what is left after free, buffers
 * and cached. So {@code used} here equals the "used" column of {@code free}, and the four states
 * always add up to MemTotal (OSHI and some exporters compute "used" as total - available instead,
 * which differs from {@code free} by gigabytes on hosts with large shmem or slab).
 */
public final class MemInfo {
  public final long total;
  public final long free;
  public final long buffers;
  public final long cached;
  public final long used;
  /** MemAvailable: the kernel's estimate of memory available without swapping; -1 if absent. */
  public final long available;
  public final long shared;
  public final long swapTotal;
  public final long swapFree;

  private MemInfo(Map<String, Long> v) {
    total = v.getOrDefault("MemTotal", 0L);
    free = Math.min(v.getOrDefault("MemFree", 0L), total);
    long rawBuffers = v.getOrDefault("Buffers", 0L);
    long rawCached = v.getOrDefault("Cached", 0L) + v.getOrDefault("SReclaimable", 0L);
    // Clamp so that the states stay a partition even if the kernel's figures are inconsistent.
    buffers = Math.min(rawBuffers, total - free);
    cached = Math.min(rawCached, total - free - buffers);
    used = total - free - buffers - cached;
    available = v.getOrDefault("MemAvailable", -1L);
    shared = v.getOrDefault("Shmem", 0L);
    swapTotal = v.getOrDefault("SwapTotal", 0L);
    swapFree = Math.min(v.getOrDefault("SwapFree", 0L), swapTotal);
  }

  public static MemInfo parse(List<String> lines) {
    return new MemInfo(KeyValueParser.parse(lines));
  }

  public boolean isEmpty() {
    return total <= 0;
  }
}
