package dev.perfapi.profiling;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The one cost the extension adds on application threads: every context attach and scope close
 * goes through {@link ActivationRecorder}. Compared with the SDK's own thread-local context
 * storage without the wrapper ({@code plain}), with the wrapper ({@code perfapi}: profiler not
 * running, so the wall-clock thread filter is off), and with the wrapper plus a running
 * wall-clock profiler whose thread filter is updated when a thread enters or leaves its outermost
 * span ({@code perfapi-wall}, the default configuration).
 *
 * <p>The wrapper must be installed before the first context use in the JVM, so every storage
 * variant runs in its own fork (JMH forks per parameter value).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class ActivationBenchmark {
  @Param({"plain", "perfapi", "perfapi-wall"})
  public String storage;

  private SdkTracerProvider tracerProvider;
  private AsyncProfilerEngine profiler;
  private Context outer;
  private Context inner;
  private Context outerWithBaggage;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (!storage.equals("plain")) {
      ActivationRecorder.install();
    }
    if (storage.equals("perfapi-wall")) {
      profiler = AsyncProfilerEngine.load(BenchConfig.of(
          "otel.perfapi.profiling.cpu.enabled", "false",
          "otel.perfapi.profiling.alloc.enabled", "false",
          "otel.perfapi.profiling.lock.enabled", "false"));
      profiler.start();
      ActivationRecorder.wallFilter = profiler;
    }
    tracerProvider = SdkTracerProvider.builder().build();
    Span parent = tracerProvider.get("bench").spanBuilder("GET /bench").startSpan();
    outer = Context.root().with(parent);
    inner = outer.with(tracerProvider.get("bench").spanBuilder("child")
        .setParent(outer).startSpan());
    // Same span, another context: the wrapper's fast path (nothing to record).
    outerWithBaggage = outer.with(io.opentelemetry.api.baggage.Baggage.builder()
        .put("k", "v").build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    ActivationRecorder.wallFilter = null;
    if (profiler != null) {
      profiler.close();
    }
    tracerProvider.close();
  }

  /** A thread enters a span and leaves it (a request handler, one pooled task). */
  @Benchmark
  public void activateSpan() {
    try (Scope s = outer.makeCurrent()) {
      // the span is current here
    }
  }

  /** A child span inside its parent on the same thread: two changes in, two out. */
  @Benchmark
  public void activateNested() {
    try (Scope s = outer.makeCurrent()) {
      try (Scope c = inner.makeCurrent()) {
        // the child is current here
      }
    }
  }

  /** A context change that keeps the span (e.g. baggage): nothing is recorded. */
  @Benchmark
  public void reattachSameSpan() {
    try (Scope s = outer.makeCurrent()) {
      try (Scope b = outerWithBaggage.makeCurrent()) {
        // same span, new context
      }
    }
  }
}
