package dev.perfapi.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts processes by state by reading /proc/PID/stat for each process. Only the numeric
 * top-level directories are processes; threads live under /proc/PID/task and are not counted, so
 * a process with many threads counts once.
 *
 * <p>/proc/PID/stat shows the state of the main thread only, which in a JVM or any thread-pool
 * server sleeps while its workers run: such a busy process would count as sleeping. So for a
 * sleeping multi-threaded process the threads are read too: the process is running if any thread
 * runs, else blocked if any thread is in uninterruptible sleep.
 */
public final class ProcessStates {
  private ProcessStates() {}

  public static Map<ProcessState, Long> count(ProcFiles proc) throws IOException {
    Map<ProcessState, Long> counts = new EnumMap<>(ProcessState.class);
    for (ProcessState state : ProcessState.values()) {
      counts.put(state, 0L);
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc.root(), ProcessStates::isPid)) {
      for (Path dir : dirs) {
        String stat = proc.read(dir.getFileName() + "/stat");
        if (stat == null) {
          continue; // exited between listing and reading
        }
        char letter = stateLetter(stat);
        if (letter == 0) {
          continue;
        }
        ProcessState state = ProcessState.fromLetter(letter);
        if (state == ProcessState.SLEEPING && threadCount(stat) > 1) {
          state = busiestThreadState(proc, dir.getFileName().toString(), state);
        }
        counts.merge(state, 1L, Long::sum);
      }
    }
    return counts;
  }

  private static ProcessState busiestThreadState(ProcFiles proc, String pid, ProcessState main)
      throws IOException {
    ProcessState result = main;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(pid + "/task"))) {
      for (Path task : tasks) {
        String stat = proc.read(pid + "/task/" + task.getFileName() + "/stat");
        if (stat == null) {
          continue;
        }
        ProcessState state = ProcessState.fromLetter(stateLetter(stat));
        if (state == ProcessState.RUNNING) {
          return state;
        }
        if (state == ProcessState.BLOCKED) {
          result = state;
        }
      }
    } catch (IOException e) {
      // the process exited while we read it, or a fixture without threads: keep the main
      // thread's state rather than fail the whole count
    }
    return result;
  }

  /** num_threads, the 20th field of stat (the 18th after the command name). */
  static long threadCount(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return 1;
    }
    String[] fields = stat.substring(close + 2).trim().split(" ");
    try {
      return fields.length > 17 ? Long.parseLong(fields[17]) : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The state letter follows the last ')' (the command name itself may contain parentheses). */
  static char stateLetter(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length()) {
      return 0;
    }
    return stat.charAt(close + 2);
  }

  private static boolean isPid(Path path) {
    String name = path.getFileName().toString();
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
