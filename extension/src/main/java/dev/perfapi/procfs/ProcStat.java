package dev.perfapi.procfs;

import java.util.List;

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
    long created = -1;
    long blocked = -1;
    for (String line : lines) {
      if (line.startsWith("processes ")) {
        created = parseValue(line);
      } else if (line.startsWith("procs_blocked ")) {
        blocked = parseValue(line);
      }
    }
    return new ProcStat(created, blocked);
  }

  private static long parseValue(String line) {
    try {
      return Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
