package dev.perfapi.host;

import dev.perfapi.collection.DeviceReadings;
import dev.perfapi.collection.MetricFamily;
import dev.perfapi.procfs.NetDev;
import dev.perfapi.procfs.ProcFiles;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Interface counters from /proc/net/dev: {@code system.network.io},
 * {@code system.network.packet.count}, {@code system.network.errors} and
 * {@code system.network.packet.dropped} by {@code network.interface.name} and
 * {@code network.io.direction}. One file for all interfaces, where OSHI reads eight sysfs files
 * per interface.
 */
final class NetworkMetrics implements MetricFamily {
  static final AttributeKey<String> INTERFACE = AttributeKey.stringKey("network.interface.name");
  static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("network.io.direction");

  private final ProcFiles proc;
  private final Pattern excluded;
  private final Map<String, Attributes[]> attributes = new HashMap<>();
  private final DeviceReadings<Reading> readings;

  private static final class Reading {
    final NetDev dev;
    final Attributes receive;
    final Attributes transmit;

    Reading(NetDev dev, Attributes[] attributes) {
      this.dev = dev;
      this.receive = attributes[0];
      this.transmit = attributes[1];
    }
  }

  NetworkMetrics(ProcFiles proc, Pattern excluded, int maxDevices) {
    this.proc = proc;
    this.excluded = excluded;
    this.readings = new DeviceReadings<>("network", maxDevices);
  }

  @Override
  public String name() {
    return "network";
  }

  @Override
  public void refresh() throws IOException {
    List<String> lines = proc.lines("net/dev");
    if (lines.isEmpty()) {
      throw new IOException(proc.resolve("net/dev") + " is missing or empty");
    }
    List<Reading> selected = new ArrayList<>();
    for (NetDev dev : NetDev.parse(lines)) {
      if (!excluded.matcher(dev.name).find()) {
        selected.add(new Reading(dev, attributes.computeIfAbsent(dev.name, NetworkMetrics::attributesOf)));
      }
    }
    readings.publish(selected);
  }

  private static Attributes[] attributesOf(String name) {
    return new Attributes[] {
      Attributes.of(INTERFACE, name, DIRECTION, "receive"),
      Attributes.of(INTERFACE, name, DIRECTION, "transmit")
    };
  }

  @Override
  public void reset() {
    readings.reset();
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> handles = new ArrayList<>();
    handles.add(
        meter.counterBuilder("system.network.io").setUnit("By")
            .setDescription("Bytes received and transmitted by each interface.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.dev.receiveBytes, r.receive);
              m.record(r.dev.transmitBytes, r.transmit);
            })));
    handles.add(
        meter.counterBuilder("system.network.packet.count").setUnit("{packet}")
            .setDescription("Packets received and transmitted by each interface.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.dev.receivePackets, r.receive);
              m.record(r.dev.transmitPackets, r.transmit);
            })));
    handles.add(
        meter.counterBuilder("system.network.errors").setUnit("{error}")
            .setDescription("Receive and transmit errors of each interface.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.dev.receiveErrors, r.receive);
              m.record(r.dev.transmitErrors, r.transmit);
            })));
    handles.add(
        meter.counterBuilder("system.network.packet.dropped").setUnit("{packet}")
            .setDescription("Packets dropped on receive and transmit by each interface.")
            .buildWithCallback(readings.eachLong((r, m) -> {
              m.record(r.dev.receiveDropped, r.receive);
              m.record(r.dev.transmitDropped, r.transmit);
            })));
    return handles;
  }
}
