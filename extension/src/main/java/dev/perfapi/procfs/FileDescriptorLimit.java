package dev.perfapi.procfs;

import java.io.IOException;
import java.util.List;

/** The "Max open files" soft and hard limits of a process, from /proc/PID/limits. */
public final class FileDescriptorLimit {
  /** -1 stands for "unlimited". */
  public final long soft;
  public final long hard;

  FileDescriptorLimit(long soft, long hard) {
    this.soft = soft;
    this.hard = hard;
  }

  /** The limits, or null when the file has no such line. */
  public static FileDescriptorLimit read(ProcFiles proc, String pid) throws IOException {
    return parse(proc.lines(pid + "/limits"));
  }

  static FileDescriptorLimit parse(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("Max open files")) {
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        if (fields.length >= 2) {
          return new FileDescriptorLimit(value(fields[0]), value(fields[1]));
        }
      }
    }
    return null;
  }

  private static long value(String field) {
    return field.equals("unlimited") ? -1 : Long.parseLong(field);
  }
}
