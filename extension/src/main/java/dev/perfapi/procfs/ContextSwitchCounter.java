package dev.perfapi.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Voluntary and involuntary context switches of a whole process.
 *
 * <p>/proc/PID/status reports the switches of the main thread only (the kernel prints the counts
 * of that one task), and OSHI 6 takes its figure from there. A JVM does its work on other threads,
 * so this sums /proc/PID/task/TID/status over all threads. Threads that exit take their counts
 * with them; their last seen counts are kept in a retired sum so that the totals never go down. The
 * switches of a thread that lived and died between two reads are not seen (an undercount).
 */
public final class ContextSwitchCounter {
  private final ProcFiles proc;
  private final String taskDir;
  private Map<String, long[]> lastByThread = new HashMap<>();
  private long retiredVoluntary;
  private long retiredInvoluntary;
  private long voluntary;
  private long involuntary;

  public ContextSwitchCounter(ProcFiles proc, long pid) {
    this.proc = proc;
    this.taskDir = pid + "/task";
  }

  /** Reads every thread once; call from a single thread. */
  public void refresh() throws IOException {
    Map<String, long[]> current = new HashMap<>(Math.max(16, lastByThread.size() * 2));
    Path tasks = proc.resolve(taskDir);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
      for (Path dir : dirs) {
        String tid = dir.getFileName().toString();
        String status = proc.read(taskDir + "/" + tid + "/status");
        if (status == null) {
          continue;
        }
        long[] counts = parseStatus(status);
        if (counts != null) {
          current.put(tid, counts);
        }
      }
    }
    update(current);
  }

  /** Folds one read of all threads into the monotonic totals (pure; visible for tests). */
  void update(Map<String, long[]> current) {
    for (Map.Entry<String, long[]> old : lastByThread.entrySet()) {
      long[] now = current.get(old.getKey());
      // A vanished thread, or a thread id reused by a new thread (its counts restarted lower).
      if (now == null || now[0] < old.getValue()[0] || now[1] < old.getValue()[1]) {
        retiredVoluntary += old.getValue()[0];
        retiredInvoluntary += old.getValue()[1];
      }
    }
    long vol = retiredVoluntary;
    long invol = retiredInvoluntary;
    for (long[] counts : current.values()) {
      vol += counts[0];
      invol += counts[1];
    }
    voluntary = vol;
    involuntary = invol;
    lastByThread = current;
  }

  public long voluntary() {
    return voluntary;
  }

  public long involuntary() {
    return involuntary;
  }

  static long[] parseStatus(String status) {
    Map<String, Long> values = KeyValueParser.parse(Arrays.asList(status.split("\n")));
    Long vol = values.get("voluntary_ctxt_switches");
    Long invol = values.get("nonvoluntary_ctxt_switches");
    return vol == null || invol == null ? null : new long[] {vol, invol};
  }
}
