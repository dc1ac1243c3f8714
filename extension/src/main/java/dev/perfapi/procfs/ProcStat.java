package dev.perfapi.procfs;

import java.util.List;
import java.util.Map;

/** System-wide counters from /proc/stat that OSHI does not expose. */
public final class ProcStat {
  /** Processes (and threads) created since boot: the "processes" line. -1 if absent. */
  public final long processesCreated;
  /** Tasks currently blocked on I/O: "procs_blocked". -1 if absent. */
  public final long procsBlocked;

  private ProcStat(long processesCreated, long procsBlocked) {
    this.processesCreated = processesCreated;
    this.procsBlocked = procsBlocked;
  }

  public static ProcStat parse(List<String> lines) {
    Map<String, Long> values = KeyValueParser.parse(lines);
    return new ProcStat(values.getOrDefault("processes", -1L), values.getOrDefault("procs_blocked", -1L));
  }
}
