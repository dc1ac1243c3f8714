package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MemInfoTest {
  private static final long GIB = 1L << 30;

  @Test
  void statesPartitionTotalAndUsedMatchesFree() throws Exception {
    // Case P04: Total 16 GiB, Free 1 GiB, Buffers 1 GiB + Cached 9 GiB (Shmem 4 GiB), Available 3 GiB.
    MemInfo mi = MemInfo.parse(Fixtures.proc("p04").lines("meminfo"));

    assertThat(mi.total).isEqualTo(16 * GIB);
    assertThat(mi.used + mi.free + mi.buffers + mi.cached).isEqualTo(mi.total);
    // procps free: used = total - free - buffers - cache = 16 - 1 - 1 - 9 = 5 GiB,
    // not total - available (13 GiB), the figure that disagrees with free by gigabytes.
    assertThat(mi.used).isEqualTo(5 * GIB);
    assertThat(mi.available).isEqualTo(3 * GIB);
    assertThat(mi.shared).isEqualTo(4 * GIB);
    assertThat(mi.swapTotal - mi.swapFree).isEqualTo(GIB);
  }

  @Test
  void realHostFixtureStillPartitions() throws Exception {
    MemInfo mi = MemInfo.parse(Fixtures.proc("real").lines("meminfo"));
    assertThat(mi.total).isPositive();
    assertThat(mi.used + mi.free + mi.buffers + mi.cached).isEqualTo(mi.total);
    assertThat(mi.used).isNotNegative();
  }

  @Test
  void inconsistentFiguresAreClampedToAPartition() {
    MemInfo mi = MemInfo.parse(Arrays.asList(
        "MemTotal: 1000 kB", "MemFree: 600 kB", "Buffers: 300 kB", "Cached: 500 kB"));
    assertThat(mi.used).isZero();
    assertThat(mi.used + mi.free + mi.buffers + mi.cached).isEqualTo(mi.total);
  }

  @Test
  void emptyInputIsEmpty() {
    assertThat(MemInfo.parse(Collections.emptyList()).isEmpty()).isTrue();
  }
}
