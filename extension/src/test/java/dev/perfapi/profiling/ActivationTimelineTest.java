package dev.perfapi.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

class ActivationTimelineTest {
  private static final Span ROOT = span("00000000000000a1");
  private static final Span CHILD = span("00000000000000b2");
  private static final Span OTHER = span("00000000000000c3");

  static Span span(String spanId) {
    return Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", spanId,
        TraceFlags.getSampled(), TraceState.getDefault()));
  }

  @Test
  void nestedActivationsReturnToTheParent() {
    ActivationTimeline t = new ActivationTimeline();
    t.accept(1, 100, ROOT, ROOT);
    t.accept(1, 200, CHILD, ROOT);
    t.accept(1, 300, ROOT, ROOT); // child scope closed
    t.accept(1, 400, null, null); // root scope closed

    assertThat(t.at(1, 99).span).isNull();
    assertThat(t.at(1, 100).span).isSameAs(ROOT);
    assertThat(t.at(1, 250).span).isSameAs(CHILD);
    assertThat(t.at(1, 250).root).isSameAs(ROOT);
    assertThat(t.at(1, 300).span).isSameAs(ROOT);
    assertThat(t.at(1, 400).span).isNull();
    assertThat(t.at(1, 10_000)).isSameAs(ActivationTimeline.Hit.NONE);
  }

  @Test
  void threadsAreIndependentAndPooledThreadsAreReused() {
    ActivationTimeline t = new ActivationTimeline();
    // a pool thread runs work for ROOT, then for OTHER
    t.accept(7, 100, ROOT, ROOT);
    t.accept(7, 150, null, null);
    t.accept(7, 160, OTHER, OTHER);
    t.accept(7, 170, null, null);
    t.accept(8, 120, OTHER, OTHER);

    assertThat(t.at(7, 140).span).isSameAs(ROOT);
    assertThat(t.at(7, 155).span).isNull();
    assertThat(t.at(7, 165).span).isSameAs(OTHER);
    assertThat(t.at(8, 140).span).isSameAs(OTHER);
    assertThat(t.at(9, 140).span).isNull(); // a thread never seen
  }

  @Test
  void pruneKeepsTheStateInForce() {
    ActivationTimeline t = new ActivationTimeline();
    t.accept(1, 100, ROOT, ROOT);
    t.accept(1, 200, CHILD, ROOT);
    t.accept(2, 100, OTHER, OTHER);
    t.accept(2, 150, null, null);
    t.prune(250);
    assertThat(t.at(1, 260).span).isSameAs(CHILD);
    assertThat(t.threadCount()).isEqualTo(1); // thread 2 only has "no span" left
  }

  @Test
  void equalTimestampsTakeTheLastChange() {
    ActivationTimeline t = new ActivationTimeline();
    t.accept(1, 100, ROOT, ROOT);
    t.accept(1, 100, CHILD, ROOT);
    assertThat(t.at(1, 100).span).isSameAs(CHILD);
  }

  @Test
  void ringDrainReportsLostChangesWhenLapped() {
    ThreadActivations a = new ThreadActivations(Thread.currentThread());
    for (int i = 0; i < ThreadActivations.CAPACITY + 10; i++) {
      a.record(i, ROOT, ROOT);
    }
    ActivationTimeline t = new ActivationTimeline();
    long lost = a.drain(t);
    assertThat(lost).isEqualTo(10);
    assertThat(t.at(a.threadId, 5).span).isNull(); // the lost ones are gone
    assertThat(t.at(a.threadId, 20).span).isSameAs(ROOT);
    assertThat(a.drain(t)).isZero();
  }
}
