package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodHistoryTest {
  private static final long MINUTE = 60_000;

  private static MethodTotals totals(String[][] stacks, double weight) {
    MethodTotals t = new MethodTotals();
    for (String[] frames : stacks) {
      t.add(frames, weight, null);
    }
    return t;
  }

  @Test
  void aWindowAddsUpTheMinutesItCoversPerSpanOrOverall() {
    MethodHistory h = new MethodHistory(15, 1000);
    long t0 = 100 * MINUTE;
    h.add(ProfileEvent.CPU, "GET /a", totals(new String[][] {{"hot", "run"}, {"hot", "run"}, {"cold", "run"}}, 0.01), t0);
    h.add(ProfileEvent.CPU, "GET /b", totals(new String[][] {{"cold", "run"}}, 0.01), t0 + MINUTE);
    h.add(ProfileEvent.CPU, "GET /a", totals(new String[][] {{"hot", "run"}}, 0.01), t0 + 2 * MINUTE);

    MethodHistory.Window a = h.query(ProfileEvent.CPU, "GET /a", 5, 10, false, t0 + 2 * MINUTE);
    assertThat(a.totalWeight).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(a.methods.get(0).method).isEqualTo("hot");
    assertThat(a.methods.get(0).self).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-9));

    MethodHistory.Window lastMinute = h.query(ProfileEvent.CPU, null, 1, 10, false, t0 + 2 * MINUTE);
    assertThat(lastMinute.totalWeight).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));

    MethodHistory.Window byTotal = h.query(ProfileEvent.CPU, null, 5, 1, true, t0 + 2 * MINUTE);
    assertThat(byTotal.methods).extracting(m -> m.method).containsExactly("run");
    assertThat(byTotal.spanNames).containsExactly("GET /a", "GET /b");
    assertThat(h.query(ProfileEvent.WALL, null, 5, 10, false, t0).methods).isEmpty();
  }

  @Test
  void oldMinutesAreDroppedAndEntriesAreCapped() {
    MethodHistory h = new MethodHistory(2, 3);
    h.add(ProfileEvent.CPU, "s", totals(new String[][] {{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}, 1), 0);
    MethodHistory.Window w = h.query(ProfileEvent.CPU, null, 2, 10, false, 0);
    assertThat(w.methods).hasSize(3);
    assertThat(w.truncated).isTrue();
    assertThat(w.totalWeight).isEqualTo(5.0); // what found no room still counts in the total
    h.add(ProfileEvent.CPU, "s", totals(new String[][] {{"x"}}, 1), 5 * MINUTE);
    assertThat(h.query(ProfileEvent.CPU, null, 2, 10, false, 5 * MINUTE).totalWeight).isEqualTo(1.0);
  }
}
