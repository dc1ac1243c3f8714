package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessStatesTest {
  @Test
  void countsProcessesNotThreadsAndPartitionsByState() throws Exception {
    // Case P05: pid 200 has 8 threads and counts once, as running: its main thread sleeps but
    // thread 203 runs; pid 300 is a zombie.
    Map<ProcessState, Long> counts = ProcessStates.count(Fixtures.proc("pids"));

    assertThat(counts.get(ProcessState.RUNNING)).isEqualTo(1);
    assertThat(counts.get(ProcessState.SLEEPING)).isEqualTo(1);
    assertThat(counts.get(ProcessState.DEFUNCT)).isEqualTo(1);
    assertThat(counts.get(ProcessState.BLOCKED)).isEqualTo(1);
    assertThat(counts.get(ProcessState.STOPPED)).isZero();
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
  }

  @Test
  void commandNamesWithParenthesesAndSpaces() {
    assertThat(ProcessStates.stateLetter("200 (java (main)) R 100")).isEqualTo('R');
    assertThat(ProcessStates.stateLetter("7 (a) b) Z 1")).isEqualTo('Z');
    assertThat(ProcessStates.stateLetter("garbage")).isEqualTo((char) 0);
  }

  @Test
  void threadCountIsTheTwentiethField() {
    assertThat(ProcessStates.threadCount("200 (java (main)) S 100 200 200 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 8 0 1"))
        .isEqualTo(8);
    assertThat(ProcessStates.threadCount("broken")).isEqualTo(1);
  }

  @Test
  void everyLetterMapsToOneState() {
    assertThat(ProcessState.fromLetter('I')).isEqualTo(ProcessState.SLEEPING);
    assertThat(ProcessState.fromLetter('t')).isEqualTo(ProcessState.STOPPED);
    assertThat(ProcessState.fromLetter('X')).isEqualTo(ProcessState.DEFUNCT);
  }

  @Test
  void realHostHasProcessesAndOurselvesRunningOrSleeping() throws Exception {
    Map<ProcessState, Long> counts = ProcessStates.count(new ProcFiles(Paths.get("/proc")));
    assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isPositive();
  }
}
