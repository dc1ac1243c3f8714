package dev.perfapi.rest;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** One request: validated parameters in, one response out. */
final class RestRequest {
  static final int MAX_BODY_BYTES = 4096;
  /** Null fields are written: the documented shape of a response does not depend on its values. */
  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  final HttpExchange exchange;
  private final Matcher path;
  private final Map<String, String> query;

  RestRequest(HttpExchange exchange, Matcher path, Map<String, String> query) {
    this.exchange = exchange;
    this.path = path;
    this.query = query;
  }

  String pathPart(int group) {
    return path.group(group);
  }

  /** Refuses parameters the endpoint does not know, so a typo is an error, not a default. */
  void allowOnly(String... names) throws ApiException {
    Set<String> allowed = new HashSet<>(Arrays.asList(names));
    for (String name : query.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter"
            + (names.length == 0 ? "; this endpoint takes none" : "; known: " + String.join(", ", names)));
      }
    }
  }

  String param(String name, String defaultValue) {
    String value = query.get(name);
    return value == null ? defaultValue : value;
  }

  String choice(String name, String defaultValue, String... choices) throws ApiException {
    String value = param(name, defaultValue);
    for (String c : choices) {
      if (c.equals(value)) {
        return value;
      }
    }
    throw ApiException.badRequest(name, "must be one of " + String.join(", ", choices));
  }

  int intParam(String name, int defaultValue, int min, int max) throws ApiException {
    String value = query.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(name, "must be an integer from " + min + " to " + max);
  }

  /** The request body as a JSON object, at most {@link #MAX_BODY_BYTES}. */
  Map<String, Object> jsonBody() throws ApiException, IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Content-Type", "must be application/json");
    }
    byte[] body = readBody();
    try {
      Object parsed = JSON.std.anyFrom(body);
      if (parsed instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parsed;
        return map;
      }
    } catch (IOException | RuntimeException e) {
      throw ApiException.badRequest("body", "not valid JSON");
    }
    throw ApiException.badRequest("body", "must be a JSON object");
  }

  private byte[] readBody() throws ApiException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BODY_BYTES) {
          throw new ApiException(413, "body", "larger than " + MAX_BODY_BYTES + " bytes");
        }
      }
    }
    return out.toByteArray();
  }

  void json(int status, Object body) throws IOException {
    send(status, "application/json", WRITER.asBytes(body));
  }

  void send(int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1); // no body, and no warning from the JDK server
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Parses a query string; a parameter given twice is an error rather than a silent pick. */
  static Map<String, String> parseQuery(String raw) throws ApiException {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("query", "malformed percent-encoding");
      }
      if (params.put(key, value) != null) {
        throw ApiException.badRequest(key, "given more than once");
      }
    }
    return params;
  }

  /**
   * A duration such as {@code 30s}, {@code 5m}, {@code 250ms}, {@code 100us} or {@code 1h}; a
   * bare number means {@code bareUnit}. Null when the text is not one.
   */
  static Duration parseDuration(String text, java.time.temporal.ChronoUnit bareUnit) {
    Matcher m = java.util.regex.Pattern.compile("^(\\d{1,12})(ns|us|ms|s|m|h)?$")
        .matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit == null) {
      return Duration.of(n, bareUnit);
    }
    switch (unit) {
      case "ns":
        return Duration.ofNanos(n);
      case "us":
        return Duration.ofNanos(n * 1000);
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofHours(n);
    }
  }
}
