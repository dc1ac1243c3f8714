package dev.perfapi.rest;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfapi.profiling.FlameGraphs;
import dev.perfapi.profiling.ProfileEvent;
import dev.perfapi.profiling.SpanProfileStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extension's HTTP server on loopback: per-span and per-trace profiles. The JDK's own server
 * on its own two daemon threads, never the application's.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(RestServer.class.getName());
  private static final Pattern SPAN_PROFILE = Pattern.compile("^/api/v1/spans/([^/]+)/profile$");
  private static final Pattern TRACE_PROFILE = Pattern.compile("^/api/v1/traces/([^/]+)/profile$");
  private static final Pattern SPAN_ID = Pattern.compile("^[0-9a-f]{16}$");
  private static final Pattern TRACE_ID = Pattern.compile("^[0-9a-f]{32}$");

  private final HttpServer server;
  private final ExecutorService executor;
  private final SpanProfileStore store;

  private RestServer(HttpServer server, ExecutorService executor, SpanProfileStore store) {
    this.server = server;
    this.executor = executor;
    this.store = store;
  }

  /** Starts the server, or returns null after one log line if the address cannot be bound. */
  public static RestServer start(String host, int port, SpanProfileStore store) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
      ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "perfapi-rest");
        t.setDaemon(true);
        return t;
      });
      RestServer rest = new RestServer(server, executor, store);
      server.setExecutor(executor);
      server.createContext("/", rest::handle);
      server.start();
      logger.info("perfapi: REST API on http://" + host + ":" + server.getAddress().getPort());
      return rest;
    } catch (IOException | RuntimeException e) {
      logger.warning("perfapi: REST API not started on " + host + ":" + port + " (" + e
          + "); metrics and profiling go on");
      return null;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        error(exchange, 405, "method", "only GET is supported here");
        return;
      }
      if (path.equals("/healthz")) {
        json(exchange, 200, Map.of("status", "UP"));
        return;
      }
      Matcher span = SPAN_PROFILE.matcher(path);
      Matcher trace = TRACE_PROFILE.matcher(path);
      if (span.matches()) {
        profile(exchange, span.group(1), false);
      } else if (trace.matches()) {
        profile(exchange, trace.group(1), true);
      } else {
        error(exchange, 404, "path", "no such endpoint");
      }
    } catch (Exception e) {
      logger.fine("perfapi: REST handler failed: " + e);
      error(exchange, 500, "server", "internal error");
    } finally {
      exchange.close();
    }
  }

  private void profile(HttpExchange exchange, String id, boolean isTrace) throws IOException {
    if (!(isTrace ? TRACE_ID : SPAN_ID).matcher(id).matches()) {
      error(exchange, 400, isTrace ? "traceId" : "spanId",
          isTrace ? "must be 32 lowercase hex digits" : "must be 16 lowercase hex digits");
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String format = query.getOrDefault("format", "html");
    ProfileEvent event = ProfileEvent.fromId(query.getOrDefault("event", "cpu"));
    if (event == null) {
      error(exchange, 400, "event", "must be one of cpu, wall, alloc, lock");
      return;
    }
    Map<String, Double> stacks = isTrace ? store.traceStacks(id, event) : store.spanStacks(id, event);
    if (stacks == null) {
      error(exchange, 404, isTrace ? "traceId" : "spanId",
          "no profile for " + id + " (not sampled, not finished yet, or expired)");
      return;
    }
    String title = (isTrace ? "trace " : "span ") + id + " — " + event.id;
    switch (format) {
      case "html":
        send(exchange, 200, "text/html; charset=utf-8", FlameGraphs.html(stacks, title));
        break;
      case "collapsed":
        send(exchange, 200, "text/plain; charset=utf-8",
            FlameGraphs.collapsed(stacks).getBytes(StandardCharsets.UTF_8));
        break;
      case "json":
        json(exchange, 200, treeJson(FlameGraphs.tree(stacks)));
        break;
      case "grafana":
        json(exchange, 200, FlameGraphs.grafana(stacks));
        break;
      default:
        error(exchange, 400, "format", "must be one of html, collapsed, json, grafana");
    }
  }

  private static Map<String, Object> treeJson(FlameGraphs.Node node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", node.name);
    m.put("value", node.value);
    m.put("self", node.self);
    java.util.List<Object> children = new java.util.ArrayList<>();
    for (FlameGraphs.Node child : node.children.values()) {
      children.add(treeJson(child));
    }
    m.put("children", children);
    return m;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
          java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void error(HttpExchange exchange, int status, String field, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    json(exchange, status, body);
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", JSON.std.asBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1); // no body, and no warning from the JDK server
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
