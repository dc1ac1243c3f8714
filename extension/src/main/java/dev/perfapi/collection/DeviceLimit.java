package dev.perfapi.collection;

import java.util.List;
import java.util.logging.Logger;

/**
 * Caps how many devices (disks, interfaces, file systems) one family reports, so a host with
 * thousands of virtual interfaces cannot blow up the series count. Says so once.
 */
public final class DeviceLimit {
  private static final Logger logger = Logger.getLogger(DeviceLimit.class.getName());

  private final String family;
  private final int max;
  private volatile boolean warned;

  public DeviceLimit(String family, int max) {
    this.family = family;
    this.max = max;
  }

  public <T> List<T> apply(List<T> devices) {
    if (devices.size() <= max) {
      return devices;
    }
    if (!warned) {
      warned = true;
      logger.warning(
          "perfapi: " + devices.size() + " " + family + " devices found, reporting the first "
              + max + " (raise otel.perfapi.host.devices.max to see more)");
    }
    return devices.subList(0, max);
  }
}
