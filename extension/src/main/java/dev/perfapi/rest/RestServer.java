package dev.perfapi.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extension's HTTP server: the JDK's own, on loopback by default, on its own small pool of
 * daemon threads, never the application's. Every answer is JSON or a profile; every refusal is a
 * JSON error naming the part of the request at fault, never a stack trace.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(RestServer.class.getName());
  /** A client that stalls mid-request is dropped after this many seconds (JDK server setting). */
  static final String MAX_REQUEST_SECONDS = "10";

  interface Handler {
    void handle(RestRequest request) throws ApiException, IOException;
  }

  private static final class Route {
    final String method;
    final Pattern path;
    final boolean needsToken;
    final Handler handler;

    Route(String method, String path, boolean needsToken, Handler handler) {
      this.method = method;
      this.path = Pattern.compile(path);
      this.needsToken = needsToken;
      this.handler = handler;
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final BearerAuth auth;
  /** Bound beyond loopback: every endpoint but the health check then needs the token. */
  private final boolean exposed;
  private HttpServer server;
  private ThreadPoolExecutor executor;

  private RestServer(RestApi api) {
    this.auth = new BearerAuth(api.token);
    this.exposed = !isLoopback(api.host);
    SnapshotEndpoints snapshots = new SnapshotEndpoints(api.snapshots, api.loop, api.proc);
    MethodsEndpoint methods = new MethodsEndpoint(api.history);
    ProfileEndpoints profiles = new ProfileEndpoints(api.store);
    RecordingEndpoints recordings = new RecordingEndpoints(api.recordings,
        api.recordingMaxDuration, api.defaultIntervals);
    route("GET", "^/healthz$", false, r -> {
      r.allowOnly();
      r.json(200, Map.of("status", "UP"));
    });
    route("GET", "^/api/v1/openapi\\.json$", false, OpenApi::serve);
    route("GET", "^/api/v1/host$", false, snapshots::host);
    route("GET", "^/api/v1/process$", false, snapshots::process);
    route("GET", "^/api/v1/methods$", false, methods::methods);
    route("GET", "^/api/v1/spans/([^/]+)/profile$", false, profiles::span);
    route("GET", "^/api/v1/traces/([^/]+)/profile$", false, profiles::trace);
    route("POST", "^/api/v1/profiles$", true, recordings::start);
    route("GET", "^/api/v1/profiles$", true, recordings::list);
    route("GET", "^/api/v1/profiles/([^/]+)$", true, recordings::get);
    route("GET", "^/api/v1/profiles/([^/]+)/result$", true, recordings::result);
  }

  private void route(String method, String path, boolean needsToken, Handler handler) {
    routes.add(new Route(method, path, needsToken, handler));
  }

  /**
   * Starts the server, or returns null after one log line if it must not or cannot bind: a
   * non-loopback address without a token, or an address in use. Metrics and profiling go on.
   */
  public static RestServer start(RestApi api) {
    if (!isLoopback(api.host) && api.token == null) {
      logger.warning("perfapi: REST API not started: " + api.host + " is not a loopback address"
          + " and no otel.perfapi.rest.token is set; set a token to serve beyond this host");
      return null;
    }
    RestServer rest = new RestServer(api);
    try {
      rest.bind(api.host, api.port);
      logger.info("perfapi: REST API on http://" + hostForUrl(api.host) + ":" + rest.port()
          + (api.token == null ? " (no token set: on-demand profiling is off)" : ""));
      return rest;
    } catch (IOException | RuntimeException e) {
      rest.close();
      logger.warning("perfapi: REST API not started on " + api.host + ":" + api.port + " (" + e
          + "); metrics and profiling go on");
      return null;
    }
  }

  private void bind(String host, int port) throws IOException {
    // The JDK server reads these once, when its first instance is created; an application that
    // set its own values keeps them.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    }
    server = HttpServer.create(new InetSocketAddress(host, port), 32);
    // Two threads serve; when both are busy, up to 32 requests wait, and beyond that the JDK
    // server closes new connections rather than queue without bound.
    executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
        r -> {
          Thread t = new Thread(r, "perfapi-rest");
          t.setDaemon(true);
          return t;
        });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    try {
      dispatch(exchange);
    } catch (ApiException e) {
      error(exchange, e.status, e.field, e.getMessage());
    } catch (IOException e) {
      logger.fine("perfapi: REST client went away: " + e); // nothing left to answer
    } catch (RuntimeException | Error e) {
      logger.warning("perfapi: REST handler failed on " + exchange.getRequestURI().getRawPath()
          + ": " + e);
      error(exchange, 500, null, "internal error");
    } finally {
      exchange.close();
    }
  }

  private void dispatch(HttpExchange exchange) throws ApiException, IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    String asGet = method.equals("HEAD") ? "GET" : method;
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Matcher m = route.path.matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (!route.method.equals(asGet)) {
        allowed.add(route.method);
        continue;
      }
      if (route.needsToken || (exposed && !path.equals("/healthz"))) {
        auth.check(exchange.getRequestHeaders().getFirst("Authorization"));
      }
      Map<String, String> query = RestRequest.parseQuery(exchange.getRequestURI().getRawQuery());
      route.handler.handle(new RestRequest(exchange, m, query));
      return;
    }
    if (!allowed.isEmpty()) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      throw new ApiException(405, "method", method + " is not allowed here; allowed: "
          + String.join(", ", allowed));
    }
    throw new ApiException(404, "path", "no such endpoint; see /api/v1/openapi.json");
  }

  private static void error(HttpExchange exchange, int status, String field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"perfapi\"");
    }
    try {
      new RestRequest(exchange, null, Map.of()).json(status, body);
    } catch (IOException | RuntimeException e) {
      logger.fine("perfapi: REST error response not sent: " + e); // headers already sent
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
