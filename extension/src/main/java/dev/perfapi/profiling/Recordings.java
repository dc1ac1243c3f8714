package dev.perfapi.profiling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * On-demand recordings: one at a time, each a JFR file in a private directory, at most
 * {@code kept} of them (the oldest finished one is deleted first). A recording stays until it is
 * evicted, however often its download fails. File names come from ids we generate, never from a
 * request.
 */
public final class Recordings {
  private static final Logger logger = Logger.getLogger(Recordings.class.getName());
  private static final SecureRandom random = new SecureRandom();

  public enum State { RUNNING, FINISHED, FAILED }

  /** One recording and its progress. */
  public static final class Recording {
    public final String id;
    public final ProfileEvent event;
    /** Nanoseconds (cpu, wall, lock threshold) or bytes (alloc), as async-profiler takes it. */
    public final long interval;
    public final Duration duration;
    public final boolean threads;
    public final long startedMillis;
    final Path file;
    volatile State state = State.RUNNING;
    volatile long finishedMillis;
    volatile String error;

    Recording(String id, ProfileEvent event, long interval, Duration duration, boolean threads,
        Path file) {
      this.id = id;
      this.event = event;
      this.interval = interval;
      this.duration = duration;
      this.threads = threads;
      this.file = file;
      this.startedMillis = System.currentTimeMillis();
    }

    public State state() {
      return state;
    }

    public long finishedMillis() {
      return finishedMillis;
    }

    public String error() {
      return error;
    }

    /** The JFR file, once finished. */
    public Path file() {
      return file;
    }

    public long sizeBytes() {
      try {
        return state == State.FINISHED ? Files.size(file) : 0;
      } catch (IOException e) {
        return 0;
      }
    }
  }

  /** Another recording is running; its id is in the message's place. */
  public static final class BusyException extends Exception {
    public final String runningId;

    BusyException(String runningId) {
      super("recording " + runningId + " is running");
      this.runningId = runningId;
    }
  }

  /** On-demand profiling cannot run in this JVM; the message says why. */
  public static final class UnavailableException extends Exception {
    UnavailableException(String reason) {
      super(reason);
    }
  }

  private final Path dir;
  private final int kept;
  private final Map<String, Recording> recordings = new LinkedHashMap<>();
  private volatile ProfilingSession session;
  private volatile String unavailableReason = "span profiling has not started";
  private Recording running;

  public Recordings(Path dir, int kept) {
    this.dir = dir;
    this.kept = kept;
  }

  void attach(ProfilingSession session) {
    this.session = session;
  }

  /** Why recordings cannot run, when profiling did not start. */
  public void unavailable(String reason) {
    this.unavailableReason = reason;
  }

  /** Starts a recording; it finishes by itself after {@code duration}. */
  public synchronized Recording start(ProfileEvent event, long interval, Duration duration,
      boolean threads) throws BusyException, UnavailableException {
    ProfilingSession s = session;
    if (s == null) {
      throw new UnavailableException(unavailableReason);
    }
    if (running != null) {
      throw new BusyException(running.id);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UnavailableException("cannot create the recordings directory " + dir + ": " + e);
    }
    String id = newId();
    Recording r = new Recording(id, event, interval, duration, threads, dir.resolve(id + ".jfr"));
    evictOldest();
    recordings.put(id, r);
    running = r;
    s.record(r, this);
    return r;
  }

  synchronized void finished(Recording r, Throwable error) {
    r.finishedMillis = System.currentTimeMillis();
    if (error == null) {
      r.state = State.FINISHED;
    } else {
      r.state = State.FAILED;
      r.error = error.toString();
      deleteQuietly(r.file);
      logger.warning("perfapi: on-demand recording " + r.id + " failed: " + error);
    }
    if (running == r) {
      running = null;
    }
  }

  public synchronized Recording get(String id) {
    return recordings.get(id);
  }

  public synchronized List<Recording> list() {
    return new ArrayList<>(recordings.values());
  }

  private void evictOldest() {
    while (recordings.size() >= kept) {
      Recording oldest = null;
      for (Recording r : recordings.values()) {
        if (r.state != State.RUNNING) {
          oldest = r;
          break;
        }
      }
      if (oldest == null) {
        return;
      }
      recordings.remove(oldest.id);
      deleteQuietly(oldest.file);
    }
  }

  /** Deletes every file; called when the extension stops. */
  public synchronized void clear() {
    recordings.values().forEach(r -> deleteQuietly(r.file));
    recordings.clear();
    deleteQuietly(dir);
  }

  private static String newId() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a directory that still holds files, or already gone: nothing more to do
    }
  }
}
