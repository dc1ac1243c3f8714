package dev.perfapi.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * Reads files below a configurable procfs root, so tests can point every reader at fixture
 * directories copied from real machines (the node_exporter approach).
 */
public final class ProcFiles {
  private final Path root;

  public ProcFiles(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** All lines of a file; an absent file is "no data" (empty list), never an error. */
  public List<String> lines(String relative) throws IOException {
    try {
      return Files.readAllLines(root.resolve(relative), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Collections.emptyList();
    }
  }

  /**
   * Whole file as one string, or null when the file is gone: a process that exited between
   * listing /proc and reading its file gives either ENOENT or, while it is being reaped, ESRCH
   * ("No such process"). Either way it is simply no longer there.
   */
  public String read(String relative) throws IOException {
    try {
      return new String(Files.readAllBytes(root.resolve(relative)), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("No such process")) {
        return null;
      }
      throw e;
    }
  }
}
