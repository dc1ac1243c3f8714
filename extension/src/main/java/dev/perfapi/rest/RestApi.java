package dev.perfapi.rest;

import dev.perfapi.collection.CollectionLoop;
import dev.perfapi.collection.MetricSnapshots;
import dev.perfapi.config.PerfApiConfig;
import dev.perfapi.procfs.ProcFiles;
import dev.perfapi.profiling.MethodHistory;
import dev.perfapi.profiling.ProfileEvent;
import dev.perfapi.profiling.Recordings;
import dev.perfapi.profiling.SpanProfileStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** What the REST server serves from: the parts of the extension it reads, and its settings. */
public final class RestApi {
  final String host;
  final int port;
  final String token;
  final Duration recordingMaxDuration;
  final Map<ProfileEvent, Long> defaultIntervals = new EnumMap<>(ProfileEvent.class);
  final SpanProfileStore store;
  final MethodHistory history;
  final Recordings recordings;
  /** Null when host and process metrics are both disabled. */
  final MetricSnapshots snapshots;
  final CollectionLoop loop;
  final ProcFiles proc;

  public RestApi(PerfApiConfig config, SpanProfileStore store, MethodHistory history,
      Recordings recordings, MetricSnapshots snapshots, CollectionLoop loop) {
    this.host = config.restHost;
    this.port = config.restPort;
    this.token = config.restToken;
    this.recordingMaxDuration = config.recordingMaxDuration;
    defaultIntervals.put(ProfileEvent.CPU, config.cpuInterval.toNanos());
    defaultIntervals.put(ProfileEvent.WALL, config.wallInterval.toNanos());
    defaultIntervals.put(ProfileEvent.ALLOC, config.allocIntervalBytes);
    defaultIntervals.put(ProfileEvent.LOCK, config.lockThreshold.toNanos());
    this.store = store;
    this.history = history;
    this.recordings = recordings;
    this.snapshots = snapshots;
    this.loop = loop;
    this.proc = new ProcFiles(config.procRoot);
  }
}
