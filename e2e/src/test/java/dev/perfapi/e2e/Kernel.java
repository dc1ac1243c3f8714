package dev.perfapi.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/** What the kernel says, read the way an operator would: the reference the tests compare with. */
final class Kernel {
  private Kernel() {}

  /** A /proc/meminfo field, in bytes. */
  static long meminfo(String key) throws Exception {
    for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    throw new AssertionError(key + " not in /proc/meminfo");
  }

  /** The numeric fields of /proc/PID/status; kB values in bytes. */
  static Map<String, Long> procStatus(long pid) throws Exception {
    Map<String, Long> values = new HashMap<>();
    for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
      String[] parts = line.split("[:\\s]+");
      if (parts.length >= 2 && parts[1].matches("\\d+")) {
        long v = Long.parseLong(parts[1]);
        values.put(parts[0], parts.length > 2 && parts[2].equals("kB") ? v * 1024 : v);
      }
    }
    return values;
  }

  /** The soft "Max open files" limit of a process. */
  static long openFilesLimit(long pid) throws Exception {
    for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/limits"))) {
      if (line.startsWith("Max open files")) {
        return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
      }
    }
    throw new AssertionError("no open-files limit for " + pid);
  }

  static long openFiles(long pid) throws Exception {
    try (java.util.stream.Stream<java.nio.file.Path> fds = Files.list(Paths.get("/proc/" + pid + "/fd"))) {
      return fds.count();
    }
  }

  static long nproc() throws Exception {
    Process p = new ProcessBuilder("nproc", "--all").start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      return Long.parseLong(r.readLine().trim());
    }
  }
}
