package dev.perfapi.profiling;

import io.opentelemetry.api.trace.Span;
import java.lang.ref.WeakReference;

/**
 * The span changes of one application thread, written only by that thread and drained by the
 * join thread. A fixed ring: recording is two array stores and one volatile write, no lock and
 * no allocation; if the join thread falls a whole ring behind, the oldest changes are counted as
 * lost instead of blocking the application.
 */
final class ThreadActivations {
  static final int CAPACITY = 1024;
  private static final int MASK = CAPACITY - 1;

  final long threadId;
  final WeakReference<Thread> thread;
  private final long[] times = new long[CAPACITY];
  private final Span[] spans = new Span[CAPACITY];
  private final Span[] roots = new Span[CAPACITY];
  /** Changes written so far; the volatile write publishes the slots written before it. */
  private volatile long written;
  /** Writer-side: what the thread currently runs, to skip attaches that change nothing. */
  Span current;
  Span currentRoot;

  // Reader-side state (join thread only).
  private long read;

  ThreadActivations(Thread thread) {
    this.threadId = thread.getId();
    this.thread = new WeakReference<>(thread);
  }

  /** Called on the owning thread: from {@code time} on, the thread runs {@code span} (null: none). */
  void record(long time, Span span, Span root) {
    long w = written;
    int i = (int) (w & MASK);
    times[i] = time;
    spans[i] = span;
    roots[i] = root;
    written = w + 1;
  }

  interface Sink {
    void accept(long threadId, long time, Span span, Span root);
  }

  /**
   * Hands every change written since the last drain to {@code sink}, oldest first, and returns
   * how many were lost because the writer lapped the reader.
   */
  long drain(Sink sink) {
    long end = written;
    long lost = 0;
    if (end - read > CAPACITY) {
      lost = end - read - CAPACITY;
      read = end - CAPACITY;
    }
    long start = read;
    for (long r = start; r < end; r++) {
      int i = (int) (r & MASK);
      long time = times[i];
      Span span = spans[i];
      Span root = roots[i];
      // The writer may have overwritten this slot while we copied it: then it is lost too.
      if (written - r > CAPACITY) {
        lost++;
        continue;
      }
      // Drained: do not keep the span (and its attributes) reachable until the slot is reused.
      spans[i] = null;
      roots[i] = null;
      sink.accept(threadId, time, span, root);
    }
    read = end;
    return lost;
  }

  boolean threadGone() {
    Thread t = thread.get();
    return t == null || !t.isAlive();
  }
}
