package dev.perfapi.profiling;

import dev.perfapi.config.PerfApiConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole profiling period's join, as {@link ProfilingSession} does it every period: read a
 * real async-profiler JFR recording, find each sample's span, add it to the method totals and the
 * per-span store, record the method metrics. The recording is made in the set-up by the real
 * profiler (default events) over worker threads that run short spans; the {@code samples}
 * counter is the samples joined per second.
 *
 * <p>After the first join the activations are pruned to the state at the cut, where every
 * worker sits in an open span: later joins take the span path for every sample (metrics and
 * per-span store), the costlier one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class SessionJoinBenchmark {
  private static final int WORKERS = 2;
  private static final long RECORD_MILLIS = 2000;

  /** JMH reports this per second of benchmark time. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Joined {
    public long samples;
  }

  private SdkTracerProvider tracerProvider;
  private SdkMeterProvider meterProvider;
  private ProfilingSession session;
  private Path recording;
  private long cut;
  private long samplesPerJoin;
  private final List<Thread> workers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  private PerfApiConfig config;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ActivationRecorder.install();
    PerfApiConfig config = BenchConfig.of("otel.perfapi.profiling.native.dir",
        Files.createTempDirectory("perfapi-bench").toString());
    AsyncProfilerEngine engine = AsyncProfilerEngine.load(config);
    String cpuEngine = engine.start();
    ActivationRecorder.wallFilter = engine;
    tracerProvider = SdkTracerProvider.builder().build();
    meterProvider = SdkMeterProvider.builder().build();
    session = new ProfilingSession(config, engine, cpuEngine, meterProvider.get("bench"),
        new SpanProfileStore(2000, TimeUnit.MINUTES.toNanos(15)), new MethodHistory(15, 5000));
    this.config = config;
    CountDownLatch recorded = new CountDownLatch(WORKERS);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECORD_MILLIS);
    for (int w = 0; w < WORKERS; w++) {
      Thread t = new Thread(() -> work(end, recorded), "bench-worker-" + w);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    recorded.await();
    cut = System.nanoTime();
    recording = engine.rotate();
    samplesPerJoin = JfrSamples.read(recording, config.cpuInterval.toNanos() / 1e9,
        config.wallInterval.toNanos() / 1e9, s -> { });
    ActivationRecorder.wallFilter = null;
    engine.close(); // the recording is kept: the benchmark joins it again and again
  }

  private void work(long end, CountDownLatch recorded) {
    long x = 1;
    int n = 0;
    while (System.nanoTime() < end) {
      Span span = tracerProvider.get("bench").spanBuilder("GET /bench/" + (n++ % 16)).startSpan();
      try (Scope s = Context.root().with(span).makeCurrent()) {
        long stop = System.nanoTime() + 2_000_000;
        while (System.nanoTime() < stop) {
          x = x * 6364136223846793005L + 1442695040888963407L;
          if ((x & 0xff) == 0) {
            byte[] garbage = new byte[1024];
            x += garbage.length;
          }
        }
      }
      span.end();
    }
    Span last = tracerProvider.get("bench").spanBuilder("GET /bench/open").startSpan();
    try (Scope s = Context.root().with(last).makeCurrent()) {
      recorded.countDown();
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (x == 42) {
      System.out.println(x); // keep the loop's result alive
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    release.countDown();
    for (Thread t : workers) {
      t.join(1000);
    }
    session.close();
    Files.deleteIfExists(recording);
    meterProvider.close();
    tracerProvider.close();
    System.out.println("\nperfapi: samples per join: " + samplesPerJoin);
  }

  @Benchmark
  public void joinPeriod(Joined joined) throws Exception {
    session.join(recording, cut, config.cpuInterval, config.wallInterval);
    joined.samples += samplesPerJoin;
  }
}
