package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.logging.Logger;
import one.profiler.AsyncProfiler;

/**
 * async-profiler from its Maven Central jar, loaded once per JVM. The native library is copied
 * to {@code otel.perfapi.profiling.native.dir} (configurable because /tmp is often noexec) and
 * loaded from there; a JVM that already has an async-profiler (another agent, the application)
 * is left alone, since two copies in one JVM crash it or fight over signal handlers.
 */
final class AsyncProfilerEngine implements ProfilerEngine {
  private static final Logger logger = Logger.getLogger(AsyncProfilerEngine.class.getName());

  private final PerfApiConfig config;
  private final AsyncProfiler profiler;
  private final Path recordingDir;
  private String cpuEngine;
  private Path current;
  private int sequence;

  private AsyncProfilerEngine(PerfApiConfig config, AsyncProfiler profiler, Path recordingDir) {
    this.config = config;
    this.profiler = profiler;
    this.recordingDir = recordingDir;
  }

  /** Loads the profiler, or explains in the exception why it cannot run here. */
  static AsyncProfilerEngine load(PerfApiConfig config) throws IOException {
    String existing = OtherProfilers.find();
    if (existing != null) {
      throw new IOException("another async-profiler is in this JVM (" + existing + "); ours"
          + " stands down so that one keeps working (two copies crash the JVM or lose samples,"
          + " async-profiler #441)");
    }
    Path lib = extract(config.nativeDir);
    AsyncProfiler profiler;
    try {
      profiler = AsyncProfiler.getInstance(lib.toString());
      profiler.getVersion();
      // Any other copy of the Java API in this JVM (another class loader, the application) now
      // resolves to this library and fails with "already loaded in another classloader" instead
      // of loading a second native copy, which silently loses samples or crashes.
      if (System.getProperty("one.profiler.libraryPath") == null) {
        System.setProperty("one.profiler.libraryPath", lib.toString());
      }
    } catch (Throwable t) {
      throw new IOException("cannot load " + lib + " (" + t + "); if that directory is mounted"
          + " noexec, point otel.perfapi.profiling.native.dir at one that allows execution", t);
    }
    Path recordings = config.nativeDir.resolve("perfapi-jfr-" + ProcessHandle.current().pid());
    Files.createDirectories(recordings);
    recordings.toFile().deleteOnExit();
    return new AsyncProfilerEngine(config, profiler, recordings);
  }

  /** Copies the native library for this platform into {@code dir}, named by our pid. */
  private static Path extract(Path dir) throws IOException {
    String resource = "/" + nativeResource();
    if (AsyncProfiler.class.getResource(resource) == null) {
      throw new IOException("no async-profiler native library for this platform (" + resource + ")");
    }
    Path lib = dir.resolve("perfapi-libasyncProfiler-" + ProcessHandle.current().pid() + ".so");
    try (InputStream in = AsyncProfiler.class.getResourceAsStream(resource)) {
      Files.createDirectories(dir);
      removeLeftoversOfDeadJvms(dir);
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // The JDK's message is often the bare path ("AccessDeniedException: /x"): say what failed.
      throw new IOException("cannot write the profiler's native library to " + dir + " (" + e
          + "); point otel.perfapi.profiling.native.dir at a writable directory that allows"
          + " execution", e);
    }
    lib.toFile().deleteOnExit();
    return lib;
  }

  @Override
  public String start() throws IOException {
    current = nextFile();
    IOException last = null;
    for (String engine : ProfilerOptions.cpuEngines(config.profilingCpuEngine)) {
      try {
        profiler.execute(ProfilerOptions.start(config, engine, current));
        if (last != null && config.cpuProfiling) {
          logger.warning("perfapi: perf_events are not available (" + last + "); CPU profiling"
              + " uses the " + engine + " engine instead");
        }
        cpuEngine = engine;
        return engine;
      } catch (IllegalStateException | IllegalArgumentException | IOException e) {
        last = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
      }
    }
    throw last;
  }

  @Override
  public synchronized Path rotate() throws IOException {
    Path finished = current;
    profiler.execute("stop");
    current = nextFile();
    profiler.execute(ProfilerOptions.resume(config, cpuEngine, current));
    return finished;
  }

  @Override
  public synchronized Path switchTo(String command, Path file) throws IOException {
    Path finished = current;
    profiler.execute("stop");
    try {
      current = file;
      profiler.execute(command);
    } catch (IOException | RuntimeException e) {
      current = nextFile();
      profiler.execute(ProfilerOptions.start(config, cpuEngine, current));
      throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
    }
    return finished;
  }

  @Override
  public synchronized Path restartContinuous() throws IOException {
    Path finished = current;
    profiler.execute("stop");
    current = nextFile();
    // start, not resume: the on-demand recording had other options; the wall-clock filter is
    // empty again, and the session adds the threads inside spans right after every cut
    profiler.execute(ProfilerOptions.start(config, cpuEngine, current));
    return finished;
  }

  @Override
  public String cpuEngine() {
    return cpuEngine;
  }

  @Override
  public void addThread(Thread thread) {
    profiler.addThread(thread);
  }

  @Override
  public void removeThread(Thread thread) {
    profiler.removeThread(thread);
  }

  @Override
  public synchronized void close() {
    try {
      profiler.execute("stop");
    } catch (Exception ignored) {
      // not running
    }
    try {
      if (current != null) {
        Files.deleteIfExists(current);
      }
      Files.deleteIfExists(recordingDir);
    } catch (IOException ignored) {
      // best effort: the directory is marked deleteOnExit
    }
  }

  private Path nextFile() {
    return recordingDir.resolve("recording-" + (sequence++ % 2) + ".jfr");
  }

  /**
   * A JVM killed with SIGKILL leaves its library copy and recordings behind (deleteOnExit does not
   * run): remove those whose pid no longer runs, so they do not pile up.
   */
  private static void removeLeftoversOfDeadJvms(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("^perfapi-(?:libasyncProfiler|jfr)-(\\d+)(?:\\.so)?$")
            .matcher(f.getFileName().toString());
        if (m.matches() && !ProcessHandle.of(Long.parseLong(m.group(1))).isPresent()) {
          deleteQuietly(f);
        }
      });
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }

  private static void deleteQuietly(Path path) {
    try (java.util.stream.Stream<Path> paths = Files.walk(path)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }

  private static String nativeResource() throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return "macos/libasyncProfiler.so";
    }
    if (os.contains("linux")) {
      if (arch.equals("amd64") || arch.equals("x86_64")) {
        return "linux-x64/libasyncProfiler.so";
      }
      if (arch.equals("aarch64") || arch.equals("arm64")) {
        return "linux-arm64/libasyncProfiler.so";
      }
    }
    throw new IOException("async-profiler has no native library for " + os + "/" + arch);
  }
}
