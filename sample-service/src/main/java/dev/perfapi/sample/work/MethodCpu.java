package dev.perfapi.sample.work;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perfapi.sample.support.ThreadStats;

/**
 * Thread CPU time one named work method consumed, on which thread, and its share of the request's work.
 *
 * @param method {@code SimpleClassName.method}, as a profiler shows the frame
 * @param thread the thread it ran on
 * @param cpuNanos thread CPU time measured around the call
 * @param share fraction of the request's measured work CPU (null when there is only one method)
 */
public record MethodCpu(String method, String thread, long cpuNanos, Double share) {

  @JsonProperty("cpuMs")
  public double cpuMs() {
    return ThreadStats.millis(cpuNanos);
  }

  static MethodCpu of(String method, long cpuNanos) {
    return new MethodCpu(method, Thread.currentThread().getName(), cpuNanos, null);
  }

  MethodCpu withShare(long totalNanos) {
    double value = totalNanos <= 0 ? 0 : Math.round(cpuNanos * 10_000.0 / totalNanos) / 10_000.0;
    return new MethodCpu(method, thread, cpuNanos, value);
  }
}
