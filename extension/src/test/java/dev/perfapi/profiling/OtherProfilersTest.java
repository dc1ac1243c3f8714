package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import one.profiler.AsyncProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherProfilersTest {
  @TempDir Path dir;

  /** The real library under a name that says nothing (found by hand: such a copy was missed). */
  private Path renamedCopy() throws Exception {
    Path lib = dir.resolve("libvendor-sampler.so");
    try (InputStream in = AsyncProfiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
      Files.copy(in, lib);
    }
    return lib;
  }

  @Test
  void recognisesARenamedAsyncProfilerByItsEntryPoint() throws Exception {
    assertThat(OtherProfilers.isAsyncProfiler(renamedCopy())).isTrue();
  }

  @Test
  void otherLibrariesAreNotAsyncProfiler() {
    Path libjava = Paths.get(System.getProperty("java.home"), "lib", "libjava.so");
    assertThat(Files.exists(libjava)).isTrue();
    assertThat(OtherProfilers.isAsyncProfiler(libjava)).isFalse();
  }

  @Test
  void findsTheNameSplitAcrossTwoReads() throws Exception {
    byte[] filler = new byte[64 * 1024 - 10];
    Arrays.fill(filler, (byte) 'x');
    Path lib = dir.resolve("split.so");
    Files.write(lib, filler);
    Files.write(lib, OtherProfilers.SIGNATURE, java.nio.file.StandardOpenOption.APPEND);
    assertThat(OtherProfilers.isAsyncProfiler(lib)).isTrue();
  }

  @Test
  void aRenamedCopyMappedExecutableIsFound() throws Exception {
    Path lib = renamedCopy();
    Path maps = dir.resolve("maps");
    Files.write(maps, ("7f0000000000-7f0000100000 r-xp 00000000 08:01 42    " + lib + "\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(OtherProfilers.mappedLibrary(maps)).isEqualTo(lib.toString());
  }

  @Test
  void dataMappingsAreNotLibraries() throws Exception {
    Path lib = renamedCopy();
    Path maps = dir.resolve("maps");
    Files.write(maps, ("7f0000000000-7f0000100000 r--p 00000000 08:01 42    " + lib + "\n")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(OtherProfilers.mappedLibrary(maps)).isNull();
  }
}
