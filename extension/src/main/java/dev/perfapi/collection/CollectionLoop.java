package dev.perfapi.collection;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes every family on one daemon thread, each at its own interval, and reports each
 * family's health ({@code perfapi.collector.success}, {@code perfapi.collector.duration}).
 *
 * <p>One thread for all families keeps the cost flat, and keeps slow sources (a hung network
 * mount, a slow /proc) away from the SDK's export thread and from application threads. A failing
 * family logs one warning when it starts failing and one line when it recovers, never a stream.
 */
public final class CollectionLoop implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(CollectionLoop.class.getName());
  private static final AttributeKey<String> COLLECTOR = AttributeKey.stringKey("perfapi.collector");

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "perfapi-metrics-collector");
            thread.setDaemon(true);
            return thread;
          });
  private final List<AutoCloseable> handles = new ArrayList<>();
  private final ConcurrentHashMap<String, Health> health = new ConcurrentHashMap<>();

  static final class Health {
    final Attributes attributes;
    volatile boolean failing;
    volatile boolean ran;
    volatile double durationSeconds;
    /** Wall-clock time of the last successful refresh, 0 before the first one. */
    volatile long lastSuccessMillis;

    Health(String name) {
      attributes = Attributes.of(COLLECTOR, name);
    }
  }

  public CollectionLoop(Meter meter) {
    handles.add(
        meter
            .gaugeBuilder("perfapi.collector.success")
            .ofLongs()
            .setDescription("1 if the collector's last refresh succeeded, 0 if it failed.")
            .buildWithCallback(
                m -> health.values().forEach(h -> {
                  if (h.ran) {
                    m.record(h.failing ? 0 : 1, h.attributes);
                  }
                })));
    handles.add(
        meter
            .gaugeBuilder("perfapi.collector.duration")
            .setUnit("s")
            .setDescription("Duration of the collector's last refresh.")
            .buildWithCallback(
                m -> health.values().forEach(h -> {
                  if (h.ran) {
                    m.record(h.durationSeconds, h.attributes);
                  }
                })));
  }

  /**
   * Refreshes the family once right away (so its first export has data) and then every
   * interval, then registers its instruments.
   */
  public void schedule(MetricFamily family, Duration interval, Meter meter) {
    schedule(family, interval, meter, null);
  }

  /**
   * As {@link #schedule(MetricFamily, Duration, Meter)}, and registers the family's instruments
   * with {@code snapshots} too (when not null), for the REST API.
   */
  public void schedule(MetricFamily family, Duration interval, Meter meter,
      MetricSnapshots snapshots) {
    Health h = health.computeIfAbsent(family.name(), Health::new);
    Runnable task = () -> refresh(family, h);
    executor.scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    try {
      handles.addAll(family.register(meter));
      if (snapshots != null) {
        handles.addAll(family.registerSnapshot(snapshots.meter(family.name())));
      }
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "perfapi: could not register the " + family.name() + " metrics", e);
    }
  }

  /** Per family: whether its last refresh succeeded, and when it last did. */
  public Map<String, FamilyStatus> status() {
    Map<String, FamilyStatus> status = new java.util.TreeMap<>();
    health.forEach((name, h) -> status.put(name,
        new FamilyStatus(h.ran && !h.failing, h.lastSuccessMillis, h.durationSeconds)));
    return status;
  }

  /** One family's health as the REST API shows it. */
  public static final class FamilyStatus {
    public final boolean ok;
    public final long lastSuccessMillis;
    public final double durationSeconds;

    FamilyStatus(boolean ok, long lastSuccessMillis, double durationSeconds) {
      this.ok = ok;
      this.lastSuccessMillis = lastSuccessMillis;
      this.durationSeconds = durationSeconds;
    }
  }

  static void refresh(MetricFamily family, Health h) {
    long start = System.nanoTime();
    try {
      family.refresh();
      if (h.failing) {
        logger.info("perfapi: collector '" + family.name() + "' recovered");
      }
      h.failing = false;
      h.lastSuccessMillis = System.currentTimeMillis();
    } catch (Throwable t) {
      // Throwable on purpose: OSHI or JNA can fail with a LinkageError (noexec temp dir, missing
      // native library); that must cost this family its data, not the collection thread.
      family.reset();
      if (!h.failing) {
        logger.warning(
            "perfapi: collector '" + family.name() + "' failed, its metrics are skipped until it"
                + " recovers: " + t + nativeCause(t));
      }
      h.failing = true;
    } finally {
      h.durationSeconds = (System.nanoTime() - start) / 1e9;
      h.ran = true;
    }
  }

  /** The first native-library failure seen; later ones only say "Could not initialize class". */
  private static volatile Throwable firstLinkageError;

  private static String nativeCause(Throwable t) {
    if (!(t instanceof LinkageError)) {
      return "";
    }
    if (firstLinkageError == null) {
      firstLinkageError = t;
    }
    return " (native library failure: " + firstLinkageError + "; OSHI loads JNA from the temp"
        + " directory: if it is noexec, point -Djna.tmpdir at one that allows execution)";
  }

  @Override
  public void close() {
    executor.shutdownNow();
    for (AutoCloseable handle : handles) {
      try {
        handle.close();
      } catch (Exception ignored) {
        // closing an instrument cannot meaningfully fail; keep closing the rest
      }
    }
    handles.clear();
  }
}
