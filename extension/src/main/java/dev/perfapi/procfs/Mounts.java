package dev.perfapi.procfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The mount table of this process' mount namespace, from /proc/self/mounts (see fstab(5)). */
public final class Mounts {
  /** One mounted file system. */
  public static final class Mount {
    public final String device;
    public final String mountpoint;
    public final String type;
    public final String options;

    public Mount(String device, String mountpoint, String type, String options) {
      this.device = device;
      this.mountpoint = mountpoint;
      this.type = type;
      this.options = options;
    }

    public boolean readOnly() {
      return options.equals("ro") || options.startsWith("ro,");
    }
  }

  private Mounts() {}

  public static List<Mount> read(ProcFiles proc) throws IOException {
    return parse(proc.lines("self/mounts"));
  }

  static List<Mount> parse(List<String> lines) {
    List<Mount> mounts = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length >= 4) {
        mounts.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], f[3]));
      }
    }
    return mounts;
  }

  /** The kernel writes space, tab, newline and backslash in names as octal escapes (\040...). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder b = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
