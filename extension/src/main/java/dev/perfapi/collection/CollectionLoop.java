package dev.perfapi.collection;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    Health h = health.computeIfAbsent(family.name(), Health::new);
    Runnable task = () -> refresh(family, h);
    executor.scheduleWithFixedDelay(task, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    try {
      handles.addAll(family.register(meter));
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "perfapi: could not register the " + family.name() + " metrics", e);
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
