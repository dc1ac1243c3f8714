package dev.perfapi.sample.work;

import dev.perfapi.sample.support.Blackhole;
import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/alloc}: allocation-heavy work in {@link #churn}: many short-lived byte arrays (512 B .. 16 KiB,
 * touched at both ends) each wrapped in a small {@link Chunk} object, kept alive only briefly in a small ring
 * that is finally published (so escape analysis cannot remove any of it). The heap bytes the thread really
 * allocated are measured by the JVM and returned.
 */
@Component
public class AllocWork {

  public static final String CHURN_METHOD = "AllocWork.churn";

  static final int MIN_ARRAY = 512;
  static final int ARRAY_SPAN = 16 * 1024;
  static final int RING = 64;

  /** A small wrapper object allocated per array. */
  record Chunk(int index, byte[] data) {}

  /** What {@link #churn} did: objects created, payload bytes requested, checksum over the arrays. */
  record Churned(long arrays, long payloadBytes, long checksum) {}

  public record Result(
      String endpoint,
      int requestedMb,
      String thread,
      long arrays,
      double payloadMb,
      double allocatedMb,
      MethodCpu method,
      long checksum,
      TraceRef trace) {}

  public Result run(int mb) {
    long a0 = ThreadStats.allocatedBytes();
    long c0 = ThreadStats.cpuNanos();
    Churned churned = churn(mb * 1024L * 1024L, System.nanoTime());
    long c1 = ThreadStats.cpuNanos();
    long a1 = ThreadStats.allocatedBytes();
    return new Result(
        "alloc",
        mb,
        Thread.currentThread().getName(),
        churned.arrays(),
        megabytes(churned.payloadBytes()),
        a0 < 0 ? -1 : megabytes(a1 - a0),
        MethodCpu.of(CHURN_METHOD, c1 - c0),
        churned.checksum(),
        TraceRef.current());
  }

  /** Allocates byte arrays until {@code targetBytes} of array payload have been allocated. */
  Churned churn(long targetBytes, long seed) {
    Chunk[] ring = new Chunk[RING];
    long x = seed | 1;
    long payload = 0;
    long checksum = 0;
    int n = 0;
    while (payload < targetBytes) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      int size = MIN_ARRAY + (int) ((x >>> 33) % ARRAY_SPAN);
      byte[] data = new byte[size];
      data[0] = (byte) x;
      data[size >>> 1] = (byte) (x >>> 8);
      data[size - 1] = (byte) (x >>> 16);
      Chunk previous = ring[n & (RING - 1)];
      if (previous != null) {
        byte[] old = previous.data();
        checksum = checksum * 31 + old[0] + old[old.length >>> 1] + old[old.length - 1] + previous.index();
      }
      ring[n & (RING - 1)] = new Chunk(n, data);
      payload += size;
      n++;
    }
    Blackhole.consume(ring);
    Blackhole.consume(checksum);
    return new Churned(n, payload, checksum);
  }

  private static double megabytes(long bytes) {
    return Math.round(bytes * 1000.0 / (1024 * 1024)) / 1000.0;
  }
}
