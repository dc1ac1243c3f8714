package dev.perfapi.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-ended load on a loopback URL until closed, counting answers by outcome; a test reads the
 * counters before and after a fault to compare the service's throughput and errors.
 */
final class SteadyLoad implements AutoCloseable {
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  SteadyLoad(String url, int threads) {
    if (!url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("load only targets loopback: " + url);
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (running) {
          try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? ok : failed).incrementAndGet();
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      }, "e2e-steady-load-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Requests answered 200 and failed during {@code window}, as {ok, failed}. */
  int[] countDuring(Duration window) throws InterruptedException {
    int ok0 = ok.get();
    int failed0 = failed.get();
    Thread.sleep(window.toMillis());
    return new int[] {ok.get() - ok0, failed.get() - failed0};
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(35_000);
    }
  }
}
