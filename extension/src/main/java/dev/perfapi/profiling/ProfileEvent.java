package dev.perfapi.profiling;

/** The four sample kinds, with how one sample's weight converts to the metric's unit. */
public enum ProfileEvent {
  CPU("cpu", "method.cpu.time", "s", "CPU time of each method (estimate: CPU samples x interval)."),
  WALL("wall", "method.wall.time", "s",
      "Wall-clock time of each method inside spans (estimate: wall samples x interval)."),
  ALLOC("alloc", "method.allocation.size", "By",
      "Bytes allocated by each method (estimate from sampled allocations)."),
  LOCK("lock", "method.lock.wait.time", "s", "Time each method waited on contended locks.");

  public final String id;
  final String metricName;
  final String unit;
  final String description;

  ProfileEvent(String id, String metricName, String unit, String description) {
    this.id = id;
    this.metricName = metricName;
    this.unit = unit;
    this.description = description;
  }

  public static ProfileEvent fromId(String id) {
    for (ProfileEvent e : values()) {
      if (e.id.equals(id)) {
        return e;
      }
    }
    return null;
  }
}
