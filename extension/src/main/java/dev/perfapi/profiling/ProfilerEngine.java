package dev.perfapi.profiling;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one small surface the rest of the extension sees of the profiler: start a continuous
 * recording, cut it into finished JFR files, stop. Implementations build the command strings;
 * nobody else does.
 */
interface ProfilerEngine extends AutoCloseable {
  /** Starts recording into a first file. Returns the CPU engine in use (cpu, itimer, ctimer). */
  String start() throws IOException;

  /** Closes the current recording, starts the next, and returns the finished JFR file. */
  Path rotate() throws IOException;

  /**
   * Closes the current recording and starts another with a different {@code start} command
   * writing to {@code file} (an on-demand recording); returns the finished continuous file. If
   * the command is refused, the continuous recording is started again and the error thrown.
   */
  Path switchTo(String command, Path file) throws IOException;

  /** Closes the current (on-demand) recording, restarts the continuous one, returns the former. */
  Path restartContinuous() throws IOException;

  /** The CPU engine the continuous recording uses (cpu, itimer, ctimer). */
  String cpuEngine();

  /** Wall-clock sampling follows only the threads added here (threads inside a span). */
  void addThread(Thread thread);

  void removeThread(Thread thread);

  @Override
  void close();
}
