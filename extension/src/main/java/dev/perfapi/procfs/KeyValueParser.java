package dev.perfapi.procfs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses "key: value [unit]" and "key value" files such as meminfo, vmstat and status. */
final class KeyValueParser {
  private KeyValueParser() {}

  /**
   * Returns each key's first numeric value; a "kB" unit is converted to bytes. Lines that do not
   * parse are skipped, so a new kernel field never breaks the reader.
   */
  static Map<String, Long> parse(List<String> lines) {
    Map<String, Long> values = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.trim().split("[:\\s]+");
      if (parts.length < 2) {
        continue;
      }
      try {
        long value = Long.parseLong(parts[1]);
        if (parts.length > 2 && parts[2].equalsIgnoreCase("kB")) {
          value *= 1024;
        }
        values.putIfAbsent(parts[0], value);
      } catch (NumberFormatException ignored) {
        // not a numeric field (e.g. "Name: java" in status)
      }
    }
    return values;
  }
}
