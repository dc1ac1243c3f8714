package dev.perfapi.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every {@code otel.perfapi.*} setting of the extension, read once at agent start. Each property
 * can also be given as an environment variable in the usual OpenTelemetry way
 * ({@code otel.perfapi.host.interval} is {@code OTEL_PERFAPI_HOST_INTERVAL}); that is why names
 * use dots only, never underscores.
 */
public final class PerfApiConfig {
  public static final String PREFIX = "otel.perfapi.";

  /** Below about a second OSHI's tick cache yields runs of fake 0 % CPU (case P02). */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /**
   * File-system types that describe no storage of their own (kernel pseudo file systems, memory
   * file systems, overlays of other file systems), excluded by default so totals are not
   * inflated (case P06).
   */
  public static final List<String> DEFAULT_EXCLUDED_FS_TYPES =
      Arrays.asList(
          "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts",
          "devtmpfs", "efivarfs", "fuse.lxcfs", "fusectl", "hugetlbfs", "mqueue", "nsfs",
          "overlay", "proc", "pstore", "ramfs", "rpc_pipefs", "securityfs", "selinuxfs",
          "squashfs", "sysfs", "tmpfs", "tracefs", "nfsd", "iso9660", "aufs");

  public final boolean enabled;
  public final boolean hostEnabled;
  public final boolean processEnabled;
  public final Duration hostInterval;
  /** Listing every process is the expensive read; it runs at its own, longer interval. */
  public final Duration processStatesInterval;
  public final boolean perCpuEnabled;
  public final Set<String> disabledCollectors;
  public final Set<String> excludedFsTypes;
  public final Pattern excludedMountpoints;
  public final Pattern excludedDisks;
  public final boolean diskPartitionsEnabled;
  public final Pattern excludedInterfaces;
  public final int maxDevices;
  public final Path procRoot;
  public final Path sysRoot;

  public final boolean profilingEnabled;
  /** CPU engine: "auto" tries perf_events ("cpu"), then "itimer", then "ctimer". */
  public final String profilingCpuEngine;
  public final boolean cpuProfiling;
  public final Duration cpuInterval;
  public final boolean wallProfiling;
  public final Duration wallInterval;
  public final boolean allocProfiling;
  public final long allocIntervalBytes;
  public final boolean lockProfiling;
  public final Duration lockThreshold;
  /** How often a finished recording is joined to spans and exported. */
  public final Duration profilingPeriod;
  public final int topMethods;
  public final int maxMethodSeries;
  public final int profileStoreSpans;
  public final Duration profileStoreAge;
  /** Where the profiler's native library is extracted; must allow exec (not a noexec /tmp). */
  public final Path nativeDir;
  public final boolean restEnabled;
  public final String restHost;
  public final int restPort;
  /** Bearer token for on-demand profiling and recordings; null when not configured. */
  public final String restToken;
  /** Longest on-demand recording a request may ask for. */
  public final Duration recordingMaxDuration;
  /** How many finished recordings are kept (oldest deleted first). */
  public final int recordingsKept;
  /** How far back GET /api/v1/methods can look (whole minutes). */
  public final Duration methodsHistory;

  private PerfApiConfig(SafeConfig c) {
    enabled = c.getBoolean(PREFIX + "enabled", true);
    hostEnabled = c.getBoolean(PREFIX + "host.enabled", true);
    processEnabled = c.getBoolean(PREFIX + "process.enabled", true);
    hostInterval = c.getDuration(PREFIX + "host.interval", Duration.ofSeconds(10), MIN_INTERVAL);
    processStatesInterval =
        c.getDuration(PREFIX + "host.processes.interval", Duration.ofSeconds(30), MIN_INTERVAL);
    perCpuEnabled = c.getBoolean(PREFIX + "host.cpu.percpu.enabled", false);
    disabledCollectors = lowerCaseSet(c.getList(PREFIX + "host.collectors.disabled", List.of()));
    excludedFsTypes =
        lowerCaseSet(c.getList(PREFIX + "host.filesystem.exclude.types", DEFAULT_EXCLUDED_FS_TYPES));
    excludedMountpoints =
        c.getPattern(PREFIX + "host.filesystem.exclude.mountpoints", "^/(proc|sys|dev|run)($|/)");
    excludedDisks = c.getPattern(PREFIX + "host.disk.exclude.devices", "^(loop|ram|zram|fd|sr)\\d+$");
    diskPartitionsEnabled = c.getBoolean(PREFIX + "host.disk.partitions.enabled", false);
    excludedInterfaces = c.getPattern(PREFIX + "host.network.exclude.interfaces", "^$");
    maxDevices = c.getInt(PREFIX + "host.devices.max", 64, 1, 10_000);
    procRoot = Paths.get(c.getString(PREFIX + "procfs.root", "/proc"));
    sysRoot = Paths.get(c.getString(PREFIX + "sysfs.root", "/sys"));

    profilingEnabled = c.getBoolean(PREFIX + "profiling.enabled", true);
    profilingCpuEngine =
        c.getChoice(PREFIX + "profiling.cpu.engine", "auto", "auto", "cpu", "itimer", "ctimer");
    cpuProfiling = c.getBoolean(PREFIX + "profiling.cpu.enabled", true);
    cpuInterval = c.getDuration(PREFIX + "profiling.cpu.interval", Duration.ofMillis(10),
        Duration.ofMillis(1));
    wallProfiling = c.getBoolean(PREFIX + "profiling.wall.enabled", true);
    wallInterval = c.getDuration(PREFIX + "profiling.wall.interval", Duration.ofMillis(20),
        Duration.ofMillis(5));
    allocProfiling = c.getBoolean(PREFIX + "profiling.alloc.enabled", true);
    allocIntervalBytes = c.getInt(PREFIX + "profiling.alloc.interval", 512 * 1024, 1024,
        Integer.MAX_VALUE);
    lockProfiling = c.getBoolean(PREFIX + "profiling.lock.enabled", true);
    lockThreshold = c.getDuration(PREFIX + "profiling.lock.threshold", Duration.ofMillis(1),
        Duration.ZERO);
    profilingPeriod = c.getDuration(PREFIX + "profiling.period", Duration.ofSeconds(10),
        Duration.ofSeconds(1));
    topMethods = c.getInt(PREFIX + "profiling.top.methods", 20, 1, 1000);
    maxMethodSeries = c.getInt(PREFIX + "profiling.max.series", 2000, 10, 100_000);
    profileStoreSpans = c.getInt(PREFIX + "profiling.store.spans", 2000, 0, 1_000_000);
    profileStoreAge = c.getDuration(PREFIX + "profiling.store.age", Duration.ofMinutes(15),
        Duration.ofSeconds(10));
    nativeDir = Paths.get(c.getString(PREFIX + "profiling.native.dir",
        System.getProperty("java.io.tmpdir")));
    restHost = c.getString(PREFIX + "rest.host", "127.0.0.1");
    restPort = c.getInt(PREFIX + "rest.port", 9465, 0, 65535);
    restEnabled = c.getBoolean(PREFIX + "rest.enabled", true);
    String token = c.getString(PREFIX + "rest.token", "");
    restToken = token.trim().isEmpty() ? null : token.trim();
    recordingMaxDuration = c.getDuration(PREFIX + "rest.recording.max.duration",
        Duration.ofMinutes(5), Duration.ofSeconds(1));
    recordingsKept = c.getInt(PREFIX + "rest.recordings.kept", 10, 1, 1000);
    methodsHistory = c.getDuration(PREFIX + "rest.methods.history", Duration.ofMinutes(15),
        Duration.ofMinutes(1));
  }

  private static volatile PerfApiConfig shared;

  /** Reads the configuration; every warning about a bad value is logged here, once. */
  public static PerfApiConfig from(ConfigProperties config) {
    return new PerfApiConfig(new SafeConfig(config));
  }

  /**
   * The agent's configuration as read at start-up: the SDK customizer and the agent listener both
   * need it, and reading it twice would log each bad value twice.
   */
  public static PerfApiConfig shared(ConfigProperties config) {
    PerfApiConfig c = shared;
    if (c == null) {
      synchronized (PerfApiConfig.class) {
        if (shared == null) {
          shared = from(config);
        }
        c = shared;
      }
    }
    return c;
  }

  public boolean collectorEnabled(String name) {
    return !disabledCollectors.contains(name);
  }

  private static Set<String> lowerCaseSet(List<String> values) {
    Set<String> set = new HashSet<>();
    for (String v : values) {
      if (!v.trim().isEmpty()) {
        set.add(v.trim().toLowerCase(Locale.ROOT));
      }
    }
    return set;
  }
}
