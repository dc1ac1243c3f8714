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
    // procps-ng 4 free: used = total - available = 13 GiB; the 4 GiB of shmem cannot be
    // reclaimed, so the old "total - free - buffers - cache" (5 GiB) understated it.
    assertThat(mi.used).isEqualTo(13 * GIB);
    assertThat(mi.free).isEqualTo(GIB);
    assertThat(mi.buffers).isEqualTo(GIB);
    assertThat(mi.cached).isEqualTo(GIB); // reclaimable: available - free - buffers
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
    // available below free + buffers (tight watermarks): nothing counts as reclaimable cache
    MemInfo mi = MemInfo.parse(Arrays.asList(
        "MemTotal: 1000 kB", "MemFree: 600 kB", "MemAvailable: 700 kB", "Buffers: 300 kB"));
    assertThat(mi.cached).isZero();
    assertThat(mi.used).isEqualTo(100 * 1024);
    assertThat(mi.used + mi.free + mi.buffers + mi.cached).isEqualTo(mi.total);
  }

  @Test
  void kernelsWithoutMemAvailableUseTheOldFormula() {
    MemInfo mi = MemInfo.parse(Arrays.asList(
        "MemTotal: 1000 kB", "MemFree: 100 kB", "Buffers: 100 kB", "Cached: 300 kB",
        "SReclaimable: 100 kB"));
    assertThat(mi.used).isEqualTo(400 * 1024);
    assertThat(mi.used + mi.free + mi.buffers + mi.cached).isEqualTo(mi.total);
  }

  @Test
  void realHostUsedMatchesFree() throws Exception {
    MemInfo mi = MemInfo.parse(Fixtures.proc("real").lines("meminfo"));
    assertThat(mi.used).isEqualTo(mi.total - mi.available);
  }

  @Test
  void emptyInputIsEmpty() {
    assertThat(MemInfo.parse(Collections.emptyList()).isEmpty()).isTrue();
  }
}
