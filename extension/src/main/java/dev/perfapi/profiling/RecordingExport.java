package dev.perfapi.profiling;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import one.convert.Arguments;
import one.convert.JfrToFlame;
import one.convert.JfrToPprof;
import one.jfr.JfrReader;

/** A finished recording in the formats users open: flame graph, collapsed stacks, JFR, pprof. */
public final class RecordingExport {
  private RecordingExport() {}

  public static void write(Recordings.Recording r, String format, OutputStream out)
      throws IOException {
    if (format.equals("jfr")) {
      Files.copy(r.file(), out);
      return;
    }
    List<String> argv = new ArrayList<>();
    argv.add("--dot"); // java.lang.String.hashCode, as in our metrics and span profiles
    argv.add("--title");
    argv.add("recording " + r.id + " — " + r.event.id);
    if (r.event != ProfileEvent.CPU) {
      argv.add("--" + r.event.id); // --wall, --alloc, --lock pick that event's samples
    }
    if (r.threads) {
      argv.add("--threads");
    }
    if (format.equals("collapsed")) {
      argv.add("-o");
      argv.add("collapsed");
    }
    Arguments args = new Arguments(argv.toArray(new String[0]));
    try (JfrReader jfr = new JfrReader(r.file().toString())) {
      if (format.equals("pprof")) {
        JfrToPprof pprof = new JfrToPprof(jfr, args);
        pprof.convert();
        pprof.dump(out);
      } else {
        JfrToFlame flame = new JfrToFlame(jfr, args);
        flame.convert();
        flame.dump(out);
      }
    }
  }
}
