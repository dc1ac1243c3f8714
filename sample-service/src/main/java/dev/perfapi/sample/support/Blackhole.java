package dev.perfapi.sample.support;

/**
 * Sinks for results the JIT must not be able to prove dead. Every hot loop publishes its result here, so no
 * loop can be eliminated, and arrays handed to {@link #consume(Object)} escape (no scalar replacement).
 */
public final class Blackhole {

  private static volatile long longSink;
  private static volatile Object objectSink;

  private Blackhole() {}

  public static void consume(long value) {
    longSink = value;
  }

  public static void consume(Object value) {
    objectSink = value;
  }
}
