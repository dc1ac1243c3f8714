package dev.perfapi.profiling;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Observes every span activation on every thread by wrapping the agent's {@link ContextStorage}:
 * whenever a context with another span becomes current (a request handler, an executor task the
 * agent propagated context into, a CompletableFuture stage) or that scope closes, the thread's
 * new span is recorded with a {@link System#nanoTime()} timestamp. Samples are later joined to
 * these changes by thread and time, which stays right across thread pools and async hops where a
 * thread-local set at span start does not.
 *
 * <p>Nothing here may throw into or block an application thread.
 */
final class ActivationRecorder implements ContextStorage {
  private static final ThreadLocal<ThreadActivations> LOCAL = new ThreadLocal<>();
  private static final Map<Long, ThreadActivations> THREADS = new ConcurrentHashMap<>();
  private static final AtomicLong lost = new AtomicLong();
  private static volatile boolean installed;
  /** Set while wall-clock profiling runs: threads enter it with their first span, leave with the last. */
  static volatile ProfilerEngine wallFilter;

  private final ContextStorage delegate;

  private ActivationRecorder(ContextStorage delegate) {
    this.delegate = delegate;
  }

  /** Installs the wrapper; must run before the agent first uses the context storage. */
  static synchronized void install() {
    if (!installed) {
      ContextStorage.addWrapper(ActivationRecorder::new);
      installed = true;
    }
  }

  static boolean isInstalled() {
    return installed;
  }

  @Override
  public Scope attach(Context toAttach) {
    Scope scope = delegate.attach(toAttach);
    try {
      ThreadActivations activations = activations();
      Span span = spanOf(toAttach);
      Span previous = activations.current;
      if (span == previous) {
        return scope; // same span (e.g. only baggage changed): nothing to record
      }
      Span previousRoot = activations.currentRoot;
      Span root = span == null ? null : rootOf(toAttach, span);
      activations.current = span;
      activations.currentRoot = root;
      activations.record(System.nanoTime(), span, root);
      updateWallFilter(previous, span);
      return new RecordingScope(scope, activations, previous, previousRoot);
    } catch (Throwable t) {
      return scope; // never fail the application's attach
    }
  }

  @Override
  public Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }

  private static void updateWallFilter(Span from, Span to) {
    ProfilerEngine filter = wallFilter;
    if (filter != null && (from == null) != (to == null)) {
      if (to != null) {
        filter.addThread(Thread.currentThread());
      } else {
        filter.removeThread(Thread.currentThread());
      }
    }
  }

  /** Threads that currently run a span (read racily: used to refill the wall filter). */
  static void forEachThreadInSpan(java.util.function.Consumer<Thread> action) {
    for (ThreadActivations a : THREADS.values()) {
      Thread t = a.thread.get();
      if (t != null && a.current != null) {
        action.accept(t);
      }
    }
  }

  private static Span spanOf(Context context) {
    if (context == null) {
      return null;
    }
    Span span = Span.fromContextOrNull(context);
    // Only recording spans have a name to attribute to; samples under an unsampled span go to
    // "(no span)".
    return span != null && span.isRecording() ? span : null;
  }

  private static Span rootOf(Context context, Span span) {
    Span root = context == null ? null : LocalRootSpan.fromContextOrNull(context);
    return root != null ? root : span;
  }

  private static ThreadActivations activations() {
    ThreadActivations a = LOCAL.get();
    if (a == null) {
      Thread thread = Thread.currentThread();
      a = new ThreadActivations(thread);
      LOCAL.set(a);
      THREADS.put(a.threadId, a);
    }
    return a;
  }

  private static final class RecordingScope implements Scope {
    private final Scope delegate;
    private final ThreadActivations activations;
    private final Span previous;
    private final Span previousRoot;

    RecordingScope(Scope delegate, ThreadActivations activations, Span previous, Span previousRoot) {
      this.delegate = delegate;
      this.activations = activations;
      this.previous = previous;
      this.previousRoot = previousRoot;
    }

    @Override
    public void close() {
      delegate.close();
      try {
        Span leaving = activations.current;
        activations.current = previous;
        activations.currentRoot = previousRoot;
        activations.record(System.nanoTime(), previous, previousRoot);
        updateWallFilter(leaving, previous);
      } catch (Throwable ignored) {
        // never fail the application's close
      }
    }
  }

  /** Drains every thread's changes into {@code sink}; forgets threads that ended. */
  static void drainAll(ThreadActivations.Sink sink) {
    Iterator<ThreadActivations> it = THREADS.values().iterator();
    while (it.hasNext()) {
      ThreadActivations a = it.next();
      boolean gone = a.threadGone();
      lost.addAndGet(a.drain(sink));
      if (gone) {
        it.remove();
      }
    }
  }

  static long lostChanges() {
    return lost.get();
  }
}
