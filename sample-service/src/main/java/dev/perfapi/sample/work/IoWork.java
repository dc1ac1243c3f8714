package dev.perfapi.sample.work;

import dev.perfapi.sample.support.ThreadStats;
import dev.perfapi.sample.support.TraceRef;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * {@code GET /work/io}: genuinely blocking network I/O. Connects to the in-process {@link DelayedEchoServer} over
 * loopback, asks it to answer after {@code ms}, and blocks in {@link #blockingRead} (a socket read: the thread
 * sits in a {@code poll}/{@code read} syscall, off-CPU) until the token comes back. {@code waitedMs} (from
 * sending the request to having the reply) is never below {@code ms}; the thread CPU time of the read is ≈ 0. Bounded by a socket read timeout of ms + {@value #READ_SLACK_MS} ms.
 */
@Component
public class IoWork {

  public static final String READ_METHOD = "IoWork.blockingRead";
  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final int READ_SLACK_MS = 10_000;

  private final DelayedEchoServer server;

  public IoWork(DelayedEchoServer server) {
    this.server = server;
  }

  public record Result(
      String endpoint,
      int requestedMs,
      String thread,
      double waitedMs,
      MethodCpu method,
      int bytesRead,
      TraceRef trace) {}

  public Result run(int ms) {
    long token = ThreadLocalRandom.current().nextLong();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(server.address(), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(ms + READ_SLACK_MS);
      byte[] request = ByteBuffer.allocate(DelayedEchoServer.REQUEST_BYTES).putInt(ms).putLong(token).array();
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      long w0 = System.nanoTime(); // before sending: the reply cannot come sooner than w0 + ms
      out.write(request);
      out.flush();
      long c0 = ThreadStats.cpuNanos();
      long echoed = blockingRead(in);
      long w1 = System.nanoTime();
      long c1 = ThreadStats.cpuNanos();
      if (echoed != token) {
        throw new IOException("echo server returned a different token");
      }
      return new Result(
          "io",
          ms,
          Thread.currentThread().getName(),
          ThreadStats.millis(w1 - w0),
          MethodCpu.of(READ_METHOD, c1 - c0),
          Long.BYTES,
          TraceRef.current());
    } catch (IOException e) {
      throw new WorkFailedException("io", "loopback I/O failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Blocks in the socket read until the 8-byte token arrives. */
  long blockingRead(InputStream in) throws IOException {
    byte[] buffer = new byte[Long.BYTES];
    int off = 0;
    while (off < buffer.length) {
      int n = in.read(buffer, off, buffer.length - off);
      if (n < 0) {
        throw new EOFException("echo server closed the connection early");
      }
      off += n;
    }
    return ByteBuffer.wrap(buffer).getLong();
  }
}
