package dev.perfapi.profiling;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.SplittableRandom;
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
 * The join's inner step: which span a thread ran at a sample's instant, from one period of
 * recorded span changes. One operation is one sample looked up, so the score is samples joined
 * per second (the lookup alone; {@link SessionJoinBenchmark} measures the whole join).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class TimelineBenchmark {
  /** Application threads with span activity in the period. */
  @Param({"64"})
  public int threads;
  /** Span changes per thread in one period (10 s at 50 requests/s, enter + leave). */
  @Param({"1000"})
  public int changesPerThread;

  private static final int QUERIES = 1 << 14;
  private SdkTracerProvider tracerProvider;
  private ActivationTimeline timeline;
  private long[] queryThread;
  private long[] queryTime;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    tracerProvider = SdkTracerProvider.builder().build();
    Span[] spans = new Span[256];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = tracerProvider.get("bench").spanBuilder("GET /endpoint/" + (i % 32)).startSpan();
    }
    timeline = new ActivationTimeline();
    SplittableRandom random = new SplittableRandom(42);
    long periodNanos = 10_000_000_000L;
    long step = periodNanos / changesPerThread;
    for (int t = 0; t < threads; t++) {
      for (int c = 0; c < changesPerThread; c++) {
        // alternate: enter a span, leave it
        Span span = c % 2 == 0 ? spans[random.nextInt(spans.length)] : null;
        timeline.accept(t, c * step + random.nextLong(step / 2), span, span);
      }
    }
    queryThread = new long[QUERIES];
    queryTime = new long[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      queryThread[i] = random.nextInt(threads);
      queryTime[i] = random.nextLong(periodNanos);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tracerProvider.close();
  }

  @Benchmark
  public ActivationTimeline.Hit lookupSample() {
    int i = next++ & (QUERIES - 1);
    return timeline.at(queryThread[i], queryTime[i]);
  }
}
