package dev.perfapi.procfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-interface counters from /proc/net/dev. One read of one file covers every interface, where
 * reading /sys/class/net/IF/statistics costs eight files per interface.
 */
public final class NetDev {
  public final String name;
  public final long receiveBytes;
  public final long receivePackets;
  public final long receiveErrors;
  public final long receiveDropped;
  public final long transmitBytes;
  public final long transmitPackets;
  public final long transmitErrors;
  public final long transmitDropped;

  private NetDev(String name, String[] f) {
    this.name = name;
    receiveBytes = Long.parseLong(f[0]);
    receivePackets = Long.parseLong(f[1]);
    receiveErrors = Long.parseLong(f[2]);
    receiveDropped = Long.parseLong(f[3]);
    transmitBytes = Long.parseLong(f[8]);
    transmitPackets = Long.parseLong(f[9]);
    transmitErrors = Long.parseLong(f[10]);
    transmitDropped = Long.parseLong(f[11]);
  }

  public static List<NetDev> parse(List<String> lines) {
    if (lines.isEmpty()) {
      return Collections.emptyList();
    }
    List<NetDev> result = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // the two header lines
      }
      String name = line.substring(0, colon).trim();
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (name.isEmpty() || f.length < 16) {
        continue;
      }
      try {
        result.add(new NetDev(name, f));
      } catch (NumberFormatException ignored) {
        // skip the interface, keep the others
      }
    }
    return result;
  }
}
