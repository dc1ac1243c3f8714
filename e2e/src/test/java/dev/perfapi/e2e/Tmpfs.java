package dev.perfapi.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted with the given options (noexec, ro) for a fault test, unmounted on close.
 * Mounting needs root; where it is not allowed the test is skipped, not failed.
 */
final class Tmpfs implements AutoCloseable {
  final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  static Tmpfs mount(Path dir, String options) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String out = run("mount", "-t", "tmpfs", "-o", "size=32m," + options, "tmpfs", dir.toString());
    assumeTrue(out == null, "cannot mount a tmpfs here (needs root): " + out);
    return new Tmpfs(dir);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    // Lazy: a JVM that still maps a file from it must not keep the mount alive after the test.
    String out = run("umount", "-l", dir.toString());
    if (out != null) {
      throw new IOException("umount " + dir + ": " + out);
    }
  }

  /** Null on success, else the command's output. */
  static String run(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : out.isEmpty() ? "exit " + p.exitValue() : out;
  }
}
