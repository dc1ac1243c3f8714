package dev.perfapi.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded request loop against a loopback URL, counting answers by outcome. */
final class Load {
  final AtomicInteger ok = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  /** Sends {@code count} sequential requests on {@code threads} threads (loopback only). */
  static Load run(String url, int threads, int count) throws InterruptedException {
    if (!url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("load only targets loopback: " + url);
    }
    Load load = new Load();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    AtomicInteger remaining = new AtomicInteger(count);
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Thread(() -> {
        while (remaining.getAndDecrement() > 0) {
          try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? load.ok : load.failed).incrementAndGet();
          } catch (Exception e) {
            load.failed.incrementAndGet();
          }
        }
      }, "e2e-load-" + i);
      workers[i].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return load;
  }
}
