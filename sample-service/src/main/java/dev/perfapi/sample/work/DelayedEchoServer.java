package dev.perfapi.sample.work;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The in-process peer of {@code /work/io}: a loopback TCP server (127.0.0.1, ephemeral port) that reads a
 * request {@code [int delayMs][long token]} and writes the 8-byte token back after {@code delayMs}. Replies are
 * scheduled, not slept on, so one acceptor thread plus two scheduler threads ({@code io-echo-N}) serve any
 * number of concurrent requests.
 */
@Component
public class DelayedEchoServer implements DisposableBean {

  public static final int REQUEST_BYTES = 12;
  public static final int MAX_DELAY_MS = 10_000;
  private static final int HEADER_READ_TIMEOUT_MS = 2_000;

  private static final Logger log = LoggerFactory.getLogger(DelayedEchoServer.class);

  private final ServerSocket serverSocket;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread acceptor;
  private volatile boolean closed;

  public DelayedEchoServer() throws IOException {
    serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    AtomicInteger counter = new AtomicInteger();
    scheduler =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "io-echo-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    acceptor = new Thread(this::acceptLoop, "io-echo-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("delayed echo server listening on {}", serverSocket.getLocalSocketAddress());
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        scheduler.execute(() -> readRequest(socket));
      } catch (IOException e) {
        if (!closed) {
          log.warn("echo server accept failed: {}", e.toString());
        }
      } catch (RuntimeException e) { // rejected after shutdown
        if (!closed) {
          log.warn("echo server could not schedule a request: {}", e.toString());
        }
      }
    }
  }

  private void readRequest(Socket socket) {
    try {
      socket.setSoTimeout(HEADER_READ_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      byte[] request = new DataInputStream(socket.getInputStream()).readNBytes(REQUEST_BYTES);
      if (request.length < REQUEST_BYTES) {
        closeQuietly(socket);
        return;
      }
      ByteBuffer buffer = ByteBuffer.wrap(request);
      int delayMs = Math.max(0, Math.min(MAX_DELAY_MS, buffer.getInt()));
      long token = buffer.getLong();
      scheduler.schedule(() -> reply(socket, token), delayMs, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
    }
  }

  private static void reply(Socket socket, long token) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      out.write(ByteBuffer.allocate(Long.BYTES).putLong(token).array());
      out.flush();
    } catch (IOException ignored) {
      // the client went away; nothing to do
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void destroy() throws IOException, InterruptedException {
    closed = true;
    try {
      serverSocket.close();
    } catch (SocketException ignored) {
      // already closed
    }
    scheduler.shutdownNow();
    acceptor.join(2_000);
  }
}
