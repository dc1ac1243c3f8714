package dev.perfapi.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Readings of a running JVM from outside: the kernel's view and jcmd. */
final class JvmProbe {
  private final long pid;
  private final Path jcmd;

  JvmProbe(ManagedProcess process) {
    this.pid = process.pid();
    this.jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
  }

  int threads() throws IOException {
    return (int) statusValue("Threads");
  }

  long rssBytes() throws IOException {
    return statusValue("VmRSS") * 1024;
  }

  /**
   * Open descriptors, without async-profiler's perf_event counters: it holds one per thread while
   * recording and closes them all at every recording cut, so they swing by the thread count (which
   * is watched on its own) from one reading to the next without leaking anything.
   */
  int openFiles() throws IOException {
    int n = 0;
    try (Stream<Path> fds = Files.list(Paths.get("/proc/" + pid + "/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (!Files.readSymbolicLink(fd).toString().equals("anon_inode:[perf_event]")) {
            n++;
          }
        } catch (IOException e) {
          // closed between the listing and the read: not open any more
        }
      }
    }
    return n;
  }

  /** Heap in use right after a full GC: the live data, without garbage waiting to be collected. */
  long liveHeapBytes() throws IOException, InterruptedException {
    jcmd("GC.run");
    // G1: " garbage-first heap   total 262144K, used 41234K [...]"; other collectors say "used" too.
    Matcher m = Pattern.compile("heap\\s+total\\s+\\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IOException("no heap figure from jcmd " + pid + " GC.heap_info");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }

  private long statusValue(String key) throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
      if (line.startsWith(key + ":")) {
        return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
      }
    }
    throw new IOException(key + " not in /proc/" + pid + "/status");
  }
}
