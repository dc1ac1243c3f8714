package dev.perfapi.rest;

import dev.perfapi.profiling.ProfileEvent;
import dev.perfapi.profiling.RecordingExport;
import dev.perfapi.profiling.Recordings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /api/v1/profiles starts an on-demand recording; GET /api/v1/profiles lists them;
 * GET /api/v1/profiles/{id} reports one; GET /api/v1/profiles/{id}/result downloads it.
 */
final class RecordingEndpoints {
  private static final Logger logger = Logger.getLogger(RecordingEndpoints.class.getName());
  static final Pattern ID = Pattern.compile("^[0-9a-f]{16}$");
  private static final Set<String> FIELDS =
      new HashSet<>(Arrays.asList("event", "interval", "duration", "threads"));
  private static final Pattern SIZE = Pattern.compile("^(\\d{1,12})(b|k|kb|m|mb)?$");
  /** Converted results are built in memory before the status line is sent; cap their size. */
  private static final long MAX_CONVERTED_BYTES = 64L << 20;

  private final Recordings recordings;
  private final Duration maxDuration;
  private final Map<ProfileEvent, Long> defaultIntervals;

  RecordingEndpoints(Recordings recordings, Duration maxDuration,
      Map<ProfileEvent, Long> defaultIntervals) {
    this.recordings = recordings;
    this.maxDuration = maxDuration;
    this.defaultIntervals = defaultIntervals;
  }

  void start(RestRequest request) throws ApiException, IOException {
    request.allowOnly();
    Map<String, Object> body = request.jsonBody();
    for (String key : body.keySet()) {
      if (!FIELDS.contains(key)) {
        throw ApiException.badRequest(key, "unknown field; known: event, interval, duration, threads");
      }
    }
    ProfileEvent event = event(body.get("event"));
    long interval = body.get("interval") == null
        ? defaultIntervals.get(event) : interval(event, body.get("interval"));
    Duration duration = duration(body.get("duration"));
    Object threads = body.getOrDefault("threads", Boolean.FALSE);
    if (!(threads instanceof Boolean)) {
      throw ApiException.badRequest("threads", "must be true or false");
    }
    Recordings.Recording r;
    try {
      r = recordings.start(event, interval, duration, (Boolean) threads);
    } catch (Recordings.BusyException e) {
      Map<String, Object> error = error("another recording is running; wait for it to finish",
          null);
      error.put("running_id", e.runningId);
      request.exchange.getResponseHeaders().set("Location", "/api/v1/profiles/" + e.runningId);
      request.json(409, error);
      return;
    } catch (Recordings.UnavailableException e) {
      throw new ApiException(503, null, "on-demand profiling is unavailable: " + e.getMessage());
    }
    request.exchange.getResponseHeaders().set("Location", "/api/v1/profiles/" + r.id);
    request.json(202, status(r));
  }

  void list(RestRequest request) throws ApiException, IOException {
    request.allowOnly();
    List<Object> list = new ArrayList<>();
    for (Recordings.Recording r : recordings.list()) {
      list.add(status(r));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("recordings", list);
    request.json(200, body);
  }

  void get(RestRequest request) throws ApiException, IOException {
    request.allowOnly();
    request.json(200, status(recording(request)));
  }

  void result(RestRequest request) throws ApiException, IOException {
    request.allowOnly("format");
    String format = request.choice("format", "html", "html", "collapsed", "jfr", "pprof");
    Recordings.Recording r = recording(request);
    if (r.state() == Recordings.State.RUNNING) {
      throw new ApiException(409, "id", "recording " + r.id + " is still running");
    }
    if (r.state() == Recordings.State.FAILED) {
      throw new ApiException(410, "id", "recording " + r.id + " failed: " + r.error());
    }
    BoundedBuffer out = new BoundedBuffer(MAX_CONVERTED_BYTES);
    try {
      RecordingExport.write(r, format, out);
    } catch (IOException | RuntimeException e) {
      // the recording stays; a later download (another format, say) may still work
      logger.fine("perfapi: converting recording " + r.id + " to " + format + " failed: " + e);
      throw new ApiException(422, "format", "recording " + r.id + " cannot be converted to "
          + format + ": " + e.getMessage() + "; it is kept, try format=jfr");
    }
    String type;
    switch (format) {
      case "html":
        type = "text/html; charset=utf-8";
        break;
      case "collapsed":
        type = "text/plain; charset=utf-8";
        break;
      default:
        type = "application/octet-stream";
        request.exchange.getResponseHeaders().set("Content-Disposition",
            "attachment; filename=\"perfapi-" + r.id + (format.equals("jfr") ? ".jfr\"" : ".pb\""));
    }
    request.send(200, type, out.toByteArray());
  }

  /** An in-memory result that refuses to grow past its limit. */
  private static final class BoundedBuffer extends ByteArrayOutputStream {
    private final long limit;

    BoundedBuffer(long limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if (count + (long) more > limit) {
        throw new IllegalStateException("result larger than " + (limit >> 20) + " MiB");
      }
    }
  }

  private Recordings.Recording recording(RestRequest request) throws ApiException {
    String id = request.pathPart(1);
    if (!ID.matcher(id).matches()) {
      throw ApiException.badRequest("id", "must be 16 lowercase hex digits");
    }
    Recordings.Recording r = recordings.get(id);
    if (r == null) {
      throw new ApiException(404, "id", "no recording " + id + " (unknown, or evicted)");
    }
    return r;
  }

  static Map<String, Object> status(Recordings.Recording r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.id);
    json.put("status", r.state().name().toLowerCase(Locale.ROOT));
    json.put("event", r.event.id);
    json.put("interval", r.interval);
    json.put("interval_unit", r.event == ProfileEvent.ALLOC ? "By" : "ns");
    json.put("duration_seconds", r.duration.toMillis() / 1000.0);
    json.put("threads", r.threads);
    json.put("started_at", MetricJson.time(r.startedMillis));
    json.put("finished_at", MetricJson.time(r.finishedMillis()));
    json.put("size_bytes", r.sizeBytes());
    json.put("error", r.error());
    json.put("result", "/api/v1/profiles/" + r.id + "/result");
    return json;
  }

  private static Map<String, Object> error(String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    return body;
  }

  private static ProfileEvent event(Object value) throws ApiException {
    if (value == null) {
      return ProfileEvent.CPU;
    }
    ProfileEvent event = value instanceof String ? ProfileEvent.fromId((String) value) : null;
    if (event == null) {
      throw ApiException.badRequest("event", "must be one of cpu, wall, alloc, lock");
    }
    return event;
  }

  /** Nanoseconds for cpu, wall and lock; bytes for alloc; async-profiler's own units. */
  private static long interval(ProfileEvent event, Object value) throws ApiException {
    if (event == ProfileEvent.ALLOC) {
      Long bytes = bytes(value);
      if (bytes == null || bytes < 1024 || bytes > (1L << 30)) {
        throw ApiException.badRequest("interval", "for alloc: bytes from 1024 to 1073741824, as"
            + " a number or with k/m, e.g. \"512k\"");
      }
      return bytes;
    }
    Duration d = value instanceof String
        ? RestRequest.parseDuration((String) value, ChronoUnit.NANOS)
        : isIntegral(value) ? Duration.ofNanos(((Number) value).longValue()) : null;
    Duration min = event == ProfileEvent.LOCK ? Duration.ZERO : Duration.ofNanos(100_000);
    Duration max = Duration.ofSeconds(1);
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw ApiException.badRequest("interval", "for " + event.id + ": a duration from "
          + (event == ProfileEvent.LOCK ? "0" : "100us") + " to 1s, e.g. \"10ms\", or"
          + " nanoseconds as a number");
    }
    return d.toNanos();
  }

  private Duration duration(Object value) throws ApiException {
    Duration d = value instanceof String
        ? RestRequest.parseDuration((String) value, ChronoUnit.SECONDS)
        : isIntegral(value) ? Duration.ofSeconds(((Number) value).longValue()) : null;
    if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(maxDuration) > 0) {
      throw ApiException.badRequest("duration", "required: from 1s to " + maxDuration.toSeconds()
          + "s, e.g. \"30s\", or seconds as a number");
    }
    return d;
  }

  private static Long bytes(Object value) {
    if (isIntegral(value)) {
      return ((Number) value).longValue();
    }
    if (!(value instanceof String)) {
      return null;
    }
    Matcher m = SIZE.matcher(((String) value).trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return unit.startsWith("m") ? n << 20 : unit.startsWith("k") ? n << 10 : n;
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long
        || (value instanceof java.math.BigInteger && ((java.math.BigInteger) value).bitLength() < 63);
  }
}
