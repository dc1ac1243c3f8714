package dev.perfapi.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextSwitchCounterTest {
  @Test
  void sumsAllThreadsOfTheProcess() throws Exception {
    ContextSwitchCounter counter = new ContextSwitchCounter(Fixtures.proc("pids"), 200);
    counter.refresh();
    // threads 200..207: voluntary = 10 * tid, involuntary = tid
    long tids = 200 + 201 + 202 + 203 + 204 + 205 + 206 + 207;
    assertThat(counter.voluntary()).isEqualTo(10 * tids);
    assertThat(counter.involuntary()).isEqualTo(tids);
  }

  @Test
  void staysMonotonicWhenThreadsExitOrIdsAreReused() {
    ContextSwitchCounter counter = new ContextSwitchCounter(Fixtures.proc("pids"), 200);
    counter.update(threads("1", 100, 10, "2", 50, 5));
    assertThat(counter.voluntary()).isEqualTo(150);

    counter.update(threads("1", 120, 10)); // thread 2 exited
    assertThat(counter.voluntary()).isEqualTo(170);
    assertThat(counter.involuntary()).isEqualTo(15);

    counter.update(threads("1", 3, 1)); // id 1 reused by a new thread
    assertThat(counter.voluntary()).isEqualTo(173);
    assertThat(counter.involuntary()).isEqualTo(16);
  }

  @Test
  void ownProcessCountsMoreThanItsMainThread() throws Exception {
    long pid = ProcessHandle.current().pid();
    ContextSwitchCounter counter = new ContextSwitchCounter(new ProcFiles(Paths.get("/proc")), pid);
    counter.refresh();
    long[] mainThread = ContextSwitchCounter.parseStatus(
        new ProcFiles(Paths.get("/proc")).read(pid + "/status"));
    assertThat(counter.voluntary() + counter.involuntary())
        .isGreaterThanOrEqualTo(mainThread[0] + mainThread[1]);
  }

  private static Map<String, long[]> threads(Object... idVolInvol) {
    Map<String, long[]> map = new HashMap<>();
    for (int i = 0; i < idVolInvol.length; i += 3) {
      map.put((String) idVolInvol[i],
          new long[] {(Integer) idVolInvol[i + 1], (Integer) idVolInvol[i + 2]});
    }
    return map;
  }
}
