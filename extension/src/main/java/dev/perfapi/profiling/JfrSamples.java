package dev.perfapi.profiling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import one.jfr.ClassRef;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.Event;
import one.jfr.event.ExecutionSample;

/**
 * Reads an async-profiler JFR recording into {@link Sample}s: event kind, Java thread id,
 * timestamp, Java frames (leaf first) and weight in the event's unit.
 */
final class JfrSamples {
  /** One sample, ready to be joined to a span. */
  static final class Sample {
    ProfileEvent event;
    long javaThreadId;
    /** CLOCK_MONOTONIC nanoseconds (the recording uses clock=monotonic). */
    long time;
    /** Java frames, leaf first, as "package.Class.method". */
    String[] frames;
    /** The whole stack root first, ';'-separated, for flame graphs. */
    String collapsed;
    double weight;
  }

  interface Consumer {
    void accept(Sample sample);
  }

  private JfrSamples() {}

  /**
   * Streams every sample of {@code file}. {@code cpuSeconds} and {@code wallSeconds} are the
   * sampling intervals, the time one sample stands for.
   */
  static long read(Path file, double cpuSeconds, double wallSeconds, Consumer consumer)
      throws IOException {
    return read(file, cpuSeconds, wallSeconds, consumer, null);
  }

  /** As above; {@code engine} receives the CPU engine the recording says it used. */
  static long read(Path file, double cpuSeconds, double wallSeconds, Consumer consumer,
      java.util.function.Consumer<String> engine) throws IOException {
    long count = 0;
    try (JfrReader jfr = new JfrReader(file.toString())) {
      jfr.stopAtNewChunk = true; // stack traces and methods are per chunk
      while (jfr.hasMoreChunks()) {
        double ticksToNanos = 1e9 / jfr.ticksPerSec;
        Map<Integer, String> states = jfr.enums.get("jdk.types.ThreadState");
        Map<Integer, String[]> framesCache = new HashMap<>();
        Map<Integer, String> collapsedCache = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (Event e; (e = jfr.readEvent()) != null; ) {
          Sample s = new Sample();
          if (e instanceof ExecutionSample) {
            ExecutionSample x = (ExecutionSample) e;
            String state = states == null ? null : states.get(x.threadState);
            // CPU engines record STATE_DEFAULT; wall-clock samples carry the thread's real state.
            boolean cpu = state == null || "STATE_DEFAULT".equals(state);
            s.event = cpu ? ProfileEvent.CPU : ProfileEvent.WALL;
            s.weight = (cpu ? cpuSeconds : wallSeconds) * Math.max(1, x.samples);
          } else if (e instanceof AllocationSample) {
            s.event = ProfileEvent.ALLOC;
            s.weight = ((AllocationSample) e).value();
          } else if (e instanceof ContendedLock) {
            s.event = ProfileEvent.LOCK;
            s.weight = ((ContendedLock) e).duration * ticksToNanos / 1e9;
          } else {
            continue;
          }
          Long javaTid = jfr.javaThreads.get(e.tid);
          s.javaThreadId = javaTid == null ? -1 : javaTid;
          s.time = (long) (e.time * ticksToNanos);
          s.frames = framesCache.computeIfAbsent(e.stackTraceId, id -> javaFrames(jfr, id, names));
          s.collapsed = collapsedCache.computeIfAbsent(e.stackTraceId, id -> collapsed(jfr, id, names));
          consumer.accept(s);
          count++;
        }
        // Settings are events too: known once the chunk has been read.
        if (engine != null && jfr.settings.get("engine") != null) {
          engine.accept(jfr.settings.get("engine"));
        }
      }
    }
    return count;
  }

  private static boolean isJava(byte type) {
    // async-profiler frame types: 0 interpreted, 1 JIT, 2 inlined, 6 C1; 3 native, 4 C++, 5 kernel
    return type == 0 || type == 1 || type == 2 || type == 6;
  }

  private static String[] javaFrames(JfrReader jfr, int stackTraceId, Map<Long, String> names) {
    StackTrace st = jfr.stackTraces.get(stackTraceId);
    if (st == null) {
      return new String[0];
    }
    List<String> frames = new ArrayList<>(st.methods.length);
    for (int i = 0; i < st.methods.length; i++) {
      if (isJava(st.types[i])) {
        frames.add(methodName(jfr, st.methods[i], true, names));
      }
    }
    return frames.toArray(new String[0]);
  }

  private static String collapsed(JfrReader jfr, int stackTraceId, Map<Long, String> names) {
    StackTrace st = jfr.stackTraces.get(stackTraceId);
    if (st == null || st.methods.length == 0) {
      return "[unknown]";
    }
    StringBuilder b = new StringBuilder();
    for (int i = st.methods.length - 1; i >= 0; i--) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(methodName(jfr, st.methods[i], isJava(st.types[i]), names).replace(';', ':').replace(' ', '_'));
    }
    return b.toString();
  }

  private static String methodName(JfrReader jfr, long methodId, boolean java, Map<Long, String> names) {
    String cached = names.get(methodId);
    if (cached != null) {
      return cached;
    }
    String result;
    MethodRef m = jfr.methods.get(methodId);
    if (m == null) {
      result = "[unknown]";
    } else {
      byte[] methodName = jfr.symbols.get(m.name);
      String method = methodName == null ? "" : new String(methodName, StandardCharsets.UTF_8);
      ClassRef cls = jfr.classes.get(m.cls);
      byte[] className = cls == null ? null : jfr.symbols.get(cls.name);
      if (!java || className == null || className.length == 0) {
        result = method;
      } else {
        result = new String(className, StandardCharsets.UTF_8).replace('/', '.')
            + (method.isEmpty() ? "" : "." + method);
      }
    }
    names.put(methodId, result);
    return result;
  }
}
