package dev.perfapi.collection;

import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * One family of instruments fed by one source (node_exporter's collector interface).
 *
 * <p>{@link #refresh()} reads the source on the single collection thread; the instruments
 * registered by {@link #register(Meter)} are asynchronous and report what the last successful
 * refresh read. A family whose source fails reports nothing rather than stale or invented values.
 */
public interface MetricFamily {
  /** Short name used in configuration, logs and the self-health metrics, e.g. "cpu". */
  String name();

  /** Reads the source. Any exception marks this family failed until a later refresh succeeds. */
  void refresh() throws Exception;

  /** Forgets what was read, so that the instruments report no points until the next success. */
  void reset();

  /** Registers this family's asynchronous instruments; the handles unregister them. */
  List<AutoCloseable> register(Meter meter);

  /**
   * Registers the instruments the REST API reads; the same as the exported ones unless a family
   * shows more detail on request than it exports (per-CPU figures, say).
   */
  default List<AutoCloseable> registerSnapshot(Meter meter) {
    return register(meter);
  }
}
