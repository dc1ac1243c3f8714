package dev.perfapi.host;

import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.procfs.ProcStat;
import dev.perfapi.procfs.ProcessState;
import dev.perfapi.procfs.ProcessStates;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code system.process.count} by {@code process.state} (a gauge-like up-down counter whose
 * states partition the processes; threads are not processes) and {@code system.process.created}
 * (the "processes" counter of /proc/stat, which counts every fork/clone including threads).
 * Listing /proc is the costliest host read, so this family runs at its own, longer interval.
 */
final class ProcessCountMetrics implements MetricFamily {
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("process.state");

  private final ProcFiles proc;
  private final Map<ProcessState, Attributes> attributes = new EnumMap<>(ProcessState.class);
  private volatile Map<ProcessState, Long> counts;
  private volatile long created = -1;

  ProcessCountMetrics(ProcFiles proc) {
    this.proc = proc;
    for (ProcessState state : ProcessState.values()) {
      attributes.put(state, Attributes.of(STATE, state.value()));
    }
  }

  @Override
  public String name() {
    return "processes";
  }

  @Override
  public void refresh() throws IOException {
    counts = ProcessStates.count(proc);
    created = ProcStat.parse(proc.lines("stat")).processesCreated;
  }

  @Override
  public void reset() {
    counts = null;
    created = -1;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.upDownCounterBuilder("system.process.count").setUnit("{process}")
            .setDescription("Processes in each state (threads excluded); the states add up to"
                + " all processes.")
            .buildWithCallback(m -> {
              Map<ProcessState, Long> c = counts;
              if (c != null) {
                c.forEach((state, n) -> m.record(n, attributes.get(state)));
              }
            }));
    handles.add(
        meter.counterBuilder("system.process.created").setUnit("{process}")
            .setDescription("Processes and threads created since boot.")
            .buildWithCallback(m -> {
              long n = created;
              if (n >= 0) {
                m.record(n);
              }
            }));
    return handles;
  }
}
