package dev.perfapi.profiling;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finds an async-profiler in this JVM that is not ours. Two native copies in one JVM fight over
 * the same signals and crash or lose samples (async-profiler #441), and the application's copy
 * of the Java API cannot bind to a library our class loader loaded, so either one stands down.
 */
final class OtherProfilers {
  /** A JNI entry point only async-profiler defines: found in its dynamic string table. */
  static final byte[] SIGNATURE =
      "Java_one_profiler_AsyncProfiler_execute0".getBytes(StandardCharsets.US_ASCII);
  /** async-profiler is under 1 MiB; bigger libraries are not read to the end. */
  private static final int MAX_BYTES_READ = 16 << 20;

  private OtherProfilers() {}

  /** Where another async-profiler is (a library, an agent argument, a class path entry), or null. */
  static String find() {
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((arg.startsWith("-agentpath:") || arg.startsWith("-agentlib:"))
          && arg.toLowerCase(Locale.ROOT).contains("asyncprofiler")) {
        return arg;
      }
    }
    String mapped = mappedLibrary(Paths.get("/proc/self/maps"));
    if (mapped != null) {
      return mapped;
    }
    // The application's own async-profiler jar: it would load its library once main runs, when
    // ours would already hold the signals. Checked as a resource, so the class is not loaded.
    URL api = ClassLoader.getSystemClassLoader().getResource("one/profiler/AsyncProfiler.class");
    return api == null ? null : "the application's class path has " + api;
  }

  /**
   * The first library mapped executable into this process that is async-profiler, whatever its
   * file name (a renamed copy, a vendor's bundle), or null. The JDK's own libraries are skipped.
   */
  static String mappedLibrary(Path maps) {
    Path javaHome = Paths.get(System.getProperty("java.home")).toAbsolutePath();
    Set<String> seen = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(maps, StandardCharsets.UTF_8)) {
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length < 6 || fields[1].indexOf('x') < 0 || !fields[5].startsWith("/")) {
          continue;
        }
        String file = fields[5];
        if (file.contains("libasyncProfiler")) {
          return file;
        }
        // An extracted copy deleted after loading is still readable through map_files.
        Path readable = file.endsWith(" (deleted)")
            ? Paths.get("/proc/self/map_files/" + fields[0]) : Paths.get(file);
        if (!file.endsWith(" (deleted)") && readable.startsWith(javaHome) || !seen.add(file)) {
          continue;
        }
        if (isAsyncProfiler(readable)) {
          return file;
        }
      }
    } catch (IOException e) {
      // not Linux: the agent argument and class path checks remain
    }
    return null;
  }

  /** Whether {@code lib} contains async-profiler's JNI entry point name. */
  static boolean isAsyncProfiler(Path lib) {
    try (InputStream in = Files.newInputStream(lib)) {
      byte[] buffer = new byte[64 * 1024];
      int kept = 0;
      int total = 0;
      int n;
      while (total < MAX_BYTES_READ && (n = in.read(buffer, kept, buffer.length - kept)) > 0) {
        total += n;
        int end = kept + n;
        if (indexOf(buffer, end) >= 0) {
          return true;
        }
        // Keep the tail so a name split across two reads is still found.
        kept = Math.min(SIGNATURE.length - 1, end);
        System.arraycopy(buffer, end - kept, buffer, 0, kept);
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: not ours to judge
    }
    return false;
  }

  private static int indexOf(byte[] data, int length) {
    outer:
    for (int i = 0; i + SIGNATURE.length <= length; i++) {
      for (int j = 0; j < SIGNATURE.length; j++) {
        if (data[i + j] != SIGNATURE[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
