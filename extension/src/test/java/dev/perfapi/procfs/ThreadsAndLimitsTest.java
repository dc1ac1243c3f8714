package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ThreadsAndLimitsTest {
  @Test
  void threadStatWithSpacesAndParenthesesInTheName() {
    ThreadCpuTimes.ThreadCpu t = ThreadCpuTimes.parse(
        "4242 (GC Thread (#0)) R 1 2 3 0 -1 4194368 10 0 0 0 250 50 0 0 20 0 30 0 100 0 0");
    assertThat(t.tid).isEqualTo(4242);
    assertThat(t.name).isEqualTo("GC Thread (#0)");
    assertThat(t.state).isEqualTo(ProcessState.RUNNING);
    assertThat(t.cpuSeconds).isEqualTo(3.0);
    assertThat(ThreadCpuTimes.parse("garbage")).isNull();
    assertThat(ThreadCpuTimes.parse("12 (x) S 1 2")).isNull();
  }

  @Test
  void openFilesLimitIncludingUnlimited() {
    FileDescriptorLimit limit = FileDescriptorLimit.parse(Arrays.asList(
        "Limit                     Soft Limit           Hard Limit           Units",
        "Max open files            1024                 524288               files"));
    assertThat(limit.soft).isEqualTo(1024);
    assertThat(limit.hard).isEqualTo(524288);
    assertThat(FileDescriptorLimit.parse(Arrays.asList(
        "Max open files            unlimited            unlimited            files")).soft).isEqualTo(-1);
    assertThat(FileDescriptorLimit.parse(Arrays.asList("Max processes 1 1 processes"))).isNull();
  }
}
