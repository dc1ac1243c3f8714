package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodTotalsTest {
  private static final SpanContext SPAN = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
      "00000000000000a1", TraceFlags.getSampled(), TraceState.getDefault());

  @Test
  void selfIsTheLeafAndTotalCountsRecursionOnce() {
    MethodTotals t = new MethodTotals();
    // leaf first: hash <- work <- work (recursion) <- handle
    t.add(new String[] {"a.Cpu.hash", "a.Cpu.work", "a.Cpu.work", "a.Web.handle"}, 0.7, SPAN);
    t.add(new String[] {"a.Cpu.sort", "a.Cpu.work", "a.Web.handle"}, 0.3, SPAN);
    t.add(new String[] {"a.Json.write", "a.Web.handle"}, 0.1, SPAN);

    List<MethodTotals.Entry> self = t.top(10, true);
    assertThat(self).extracting(e -> e.method).containsExactly("a.Cpu.hash", "a.Cpu.sort", "a.Json.write");
    assertThat(self.get(0).self).isCloseTo(0.7, within(1e-9));
    MethodTotals.Entry work = t.top(10, false).stream().filter(e -> e.method.equals("a.Cpu.work"))
        .findFirst().orElse(null);
    // the total scope reports the hot (self) methods with their inclusive weight
    assertThat(work).isNull();
    assertThat(t.top(10, false)).extracting(e -> e.method)
        .containsExactly("a.Cpu.hash", "a.Cpu.sort", "a.Json.write");
    MethodTotals recursive = new MethodTotals();
    recursive.add(new String[] {"a.R.f", "a.R.f", "a.R.f"}, 0.5, SPAN);
    assertThat(recursive.top(10, false).get(0).total).isCloseTo(0.5, within(1e-9)); // once, not 1.5
    assertThat(recursive.top(10, false).get(0).exemplar).isEqualTo(SPAN);
  }

  @Test
  void topKFoldsTheRestIntoOther() {
    MethodTotals t = new MethodTotals();
    for (int i = 0; i < 30; i++) {
      t.add(new String[] {"m" + i}, i + 1, null);
    }
    List<MethodTotals.Entry> top = t.top(20, true);
    assertThat(top).hasSize(21);
    assertThat(top.get(0).method).isEqualTo("m29");
    MethodTotals.Entry other = top.get(20);
    assertThat(other.method).isEqualTo(MethodMetrics.OTHER);
    assertThat(other.self).isEqualTo(55.0); // 1 + ... + 10
    double sum = top.stream().mapToDouble(e -> e.self).sum();
    assertThat(sum).isEqualTo(465.0); // nothing lost: 1 + ... + 30
  }

  @Test
  void emptyStacksAreIgnored() {
    MethodTotals t = new MethodTotals();
    t.add(new String[0], 1, null);
    assertThat(t.isEmpty()).isTrue();
  }
}
