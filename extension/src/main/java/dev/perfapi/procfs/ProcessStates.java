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
        if (letter != 0) {
          counts.merge(ProcessState.fromLetter(letter), 1L, Long::sum);
        }
      }
    }
    return counts;
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
