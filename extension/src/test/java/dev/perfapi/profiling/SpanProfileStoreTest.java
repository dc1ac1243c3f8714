package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanProfileStoreTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void boundedBySpanCountOldestFirst() {
    SpanProfileStore store = new SpanProfileStore(100, Long.MAX_VALUE);
    for (int i = 0; i < 10_000; i++) {
      store.add(TRACE, String.format("%016x", i), "GET /x", true, ProfileEvent.CPU, "a;b", 0.01, i);
    }
    assertThat(store.size()).isEqualTo(100);
    assertThat(store.spanStacks(String.format("%016x", 0), ProfileEvent.CPU)).isNull();
    assertThat(store.spanStacks(String.format("%016x", 9_999), ProfileEvent.CPU)).containsEntry("a;b", 0.01);
  }

  @Test
  void stackEntriesOverAllSpansAreCapped() {
    SpanProfileStore store = new SpanProfileStore(1_000_000, Long.MAX_VALUE);
    for (int span = 0; span < 500; span++) {
      for (int stack = 0; stack < 1000; stack++) {
        store.add(TRACE, String.format("%016x", span), "GET /x", true, ProfileEvent.CPU,
            "frame;s" + stack, 1, span);
      }
    }
    // 500 spans x 1000 stacks would be 500k entries; the oldest spans went instead
    assertThat(store.size() * 1000).isLessThanOrEqualTo(SpanProfileStore.MAX_TOTAL_ENTRIES);
    assertThat(store.spanStacks(String.format("%016x", 499), ProfileEvent.CPU)).hasSize(1000);
  }

  @Test
  void deepStacksAreBoundedByTheirSizeNotOnlyTheirCount() {
    // Issue 7 (small heap): 100 000 entries of 4 KiB stacks (a deep framework stack) would be
    // 400 MiB; the byte budget keeps the store inside what the heap can give it.
    long budget = 4L << 20;
    SpanProfileStore store = new SpanProfileStore(1_000_000, Long.MAX_VALUE, budget);
    String deep = "frame;".repeat(700);
    for (int span = 0; span < 2000; span++) {
      for (int stack = 0; stack < 20; stack++) {
        store.add(TRACE, String.format("%016x", span), "GET /x", true, ProfileEvent.CPU,
            deep + span + ";" + stack, 1, span);
      }
    }
    assertThat(store.estimatedBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
    assertThat(store.size()).isBetween(10, 60);
    assertThat(store.spanStacks(String.format("%016x", 1999), ProfileEvent.CPU)).hasSize(20);
  }

  @Test
  void distinctStacksPerSpanAreCapped() {
    SpanProfileStore store = new SpanProfileStore(10, Long.MAX_VALUE);
    for (int i = 0; i < SpanProfileStore.MAX_STACKS_PER_SPAN + 500; i++) {
      store.add(TRACE, "00000000000000a1", "GET /x", true, ProfileEvent.CPU, "s" + i, 1, 0);
    }
    assertThat(store.spanStacks("00000000000000a1", ProfileEvent.CPU))
        .hasSize(SpanProfileStore.MAX_STACKS_PER_SPAN + 1)
        .containsEntry(SpanProfileStore.TRUNCATED, 500.0);
  }

  @Test
  void expiresByAgeAndTraceProfileMergesRoots() {
    SpanProfileStore store = new SpanProfileStore(10, 1000);
    store.add(TRACE, "00000000000000a1", "GET /x", true, ProfileEvent.CPU, "a;b", 1, 0);
    store.add(TRACE, "00000000000000b2", "child", false, ProfileEvent.CPU, "a;b", 1, 0);
    store.add(TRACE, "00000000000000c3", "GET /y", true, ProfileEvent.CPU, "a;c", 2, 500);
    assertThat(store.traceStacks(TRACE, ProfileEvent.CPU)).containsEntry("a;b", 1.0).containsEntry("a;c", 2.0);
    store.expire(1200);
    assertThat(store.spanStacks("00000000000000a1", ProfileEvent.CPU)).isNull();
    assertThat(store.spanStacks("00000000000000c3", ProfileEvent.CPU)).isNotNull();
    store.expire(5000);
    assertThat(store.traceStacks(TRACE, ProfileEvent.CPU)).isNull();
  }
}
