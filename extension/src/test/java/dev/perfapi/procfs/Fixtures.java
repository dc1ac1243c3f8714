package dev.perfapi.procfs;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Fixture procfs trees under src/test/resources/procfs. */
public final class Fixtures {
  private Fixtures() {}

  public static ProcFiles proc(String name) {
    return new ProcFiles(path(name));
  }

  public static Path path(String name) {
    try {
      return Paths.get(Fixtures.class.getResource("/procfs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
