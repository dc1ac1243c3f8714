package dev.perfapi.collection;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * The one long-lived OSHI {@link SystemInfo} of the extension (case P15: creating it per cycle
 * costs CPU and heap). Created on first use on the collection thread, so that a JNA failure
 * (noexec temp dir, missing libc symbols) surfaces as a failing collector, not as an agent crash.
 */
public final class Oshi {
  private volatile SystemInfo systemInfo;
  private volatile HardwareAbstractionLayer hardware;
  private volatile OperatingSystem os;

  private SystemInfo systemInfo() {
    SystemInfo si = systemInfo;
    if (si == null) {
      synchronized (this) {
        if (systemInfo == null) {
          systemInfo = new SystemInfo();
        }
        si = systemInfo;
      }
    }
    return si;
  }

  public HardwareAbstractionLayer hardware() {
    HardwareAbstractionLayer h = hardware;
    if (h == null) {
      h = systemInfo().getHardware();
      hardware = h;
    }
    return h;
  }

  public OperatingSystem os() {
    OperatingSystem o = os;
    if (o == null) {
      o = systemInfo().getOperatingSystem();
      os = o;
    }
    return o;
  }
}
