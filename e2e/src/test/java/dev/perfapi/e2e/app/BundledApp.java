package dev.perfapi.e2e.app;

import com.sun.jna.Native;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import one.profiler.AsyncProfiler;
import oshi.SystemInfo;

/**
 * An application that bundles its own OSHI + JNA and its own async-profiler (other versions than
 * our extension's) and uses them while the agent and our extension run in the same JVM.
 * {@code /oshi} reads the host through the application's OSHI; {@code /profile} profiles a
 * known method with the application's async-profiler. Listens on 127.0.0.1 only.
 */
public final class BundledApp {
  private BundledApp() {}

  public static void main(String[] args) throws IOException {
    SystemInfo system = new SystemInfo();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
    server.createContext("/healthz", exchange -> reply(exchange, "ok"));
    server.createContext("/oshi", exchange -> reply(exchange,
        "logicalCpus=" + system.getHardware().getProcessor().getLogicalProcessorCount()
            + "\nmemoryTotal=" + system.getHardware().getMemory().getTotal()
            + "\noshi=" + SystemInfo.class.getProtectionDomain().getCodeSource().getLocation()
            + "\njna=" + Native.VERSION + "\n"));
    server.createContext("/profile", exchange -> {
      try {
        reply(exchange, profileBurn());
      } catch (Throwable t) {
        exchange.sendResponseHeaders(500, 0);
        exchange.getResponseBody().write(t.toString().getBytes(StandardCharsets.UTF_8));
        exchange.close();
      }
    });
    server.start();
  }

  /** The application's own profiler around a known method: its version and top frames. */
  private static String profileBurn() throws IOException {
    AsyncProfiler profiler = AsyncProfiler.getInstance();
    profiler.execute("start,event=itimer,interval=1ms");
    long sink = burn(400);
    profiler.execute("stop");
    return "version=" + profiler.getVersion() + " sink=" + (sink & 1) + "\n" + profiler.dumpFlat(5);
  }

  static long burn(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long x = 1;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    return x;
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
