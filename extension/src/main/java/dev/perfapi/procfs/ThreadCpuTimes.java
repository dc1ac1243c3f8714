package dev.perfapi.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time, name and state of every thread of one process, from /proc/PID/task/TID/stat. Native
 * JVM threads (GC workers, JIT compilers) are included: they are often the hot ones, and the
 * JVM's own thread MXBean does not see them.
 */
public final class ThreadCpuTimes {
  /**
   * utime and stime are in USER_HZ ticks, which the kernel fixes at 100 per second for /proc on
   * every architecture Linux ships (the ABI value, independent of CONFIG_HZ).
   */
  static final double TICKS_PER_SECOND = 100.0;

  /** One thread's reading. */
  public static final class ThreadCpu {
    public final long tid;
    public final String name;
    public final ProcessState state;
    public final double cpuSeconds;

    ThreadCpu(long tid, String name, ProcessState state, double cpuSeconds) {
      this.tid = tid;
      this.name = name;
      this.state = state;
      this.cpuSeconds = cpuSeconds;
    }
  }

  private ThreadCpuTimes() {}

  /** All threads of {@code pid} ("self" for this JVM); threads that exit meanwhile are skipped. */
  public static List<ThreadCpu> read(ProcFiles proc, String pid) throws IOException {
    List<ThreadCpu> threads = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(pid + "/task"))) {
      for (Path task : tasks) {
        String stat = proc.read(pid + "/task/" + task.getFileName() + "/stat");
        ThreadCpu thread = stat == null ? null : parse(stat);
        if (thread != null) {
          threads.add(thread);
        }
      }
    }
    return threads;
  }

  /** Parses one stat line; null when it is not one. The name may hold spaces and parentheses. */
  static ThreadCpu parse(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open <= 0 || close < open || close + 2 >= stat.length()) {
      return null;
    }
    String[] fields = stat.substring(close + 2).trim().split(" ");
    if (fields.length < 13) {
      return null;
    }
    try {
      long tid = Long.parseLong(stat.substring(0, open).trim());
      // after the name: state is field 3 of stat(5), utime 14 and stime 15
      double ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return new ThreadCpu(tid, stat.substring(open + 1, close),
          ProcessState.fromLetter(fields[0].charAt(0)), ticks / TICKS_PER_SECOND);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
