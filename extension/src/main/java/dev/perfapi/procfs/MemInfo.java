package dev.perfapi.procfs;

import java.util.List;
import java.util.Map;

/**
 * Memory figures from /proc/meminfo, split into states that partition MemTotal exactly.
 *
 * <p>{@code used} is MemTotal - MemAvailable: memory the kernel cannot hand to new work without
 * swapping. That is the "used" column of procps-ng 4 {@code free} (Debian 12 and later), and
 * what gopsutil and OSHI report. {@code free} is MemFree, {@code buffers} is Buffers, and
 * {@code cached} is the rest, MemAvailable - MemFree - Buffers: page cache and slab the kernel
 * can reclaim. Non-reclaimable cache (Shmem, tmpfs) therefore counts as used, which the older
 * formula (MemTotal - MemFree - Buffers - Cached, procps before 4.0) hid as "cache". Kernels
 * without MemAvailable (before 3.14) fall back to that older formula. Values are clamped so the
 * four states always add up to MemTotal.
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
    buffers = Math.min(v.getOrDefault("Buffers", 0L), total - free);
    available = v.getOrDefault("MemAvailable", -1L);
    long reclaimable = available >= 0
        ? available - free - buffers
        : v.getOrDefault("Cached", 0L) + v.getOrDefault("SReclaimable", 0L);
    cached = Math.max(0, Math.min(reclaimable, total - free - buffers));
    used = total - free - buffers - cached;
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
