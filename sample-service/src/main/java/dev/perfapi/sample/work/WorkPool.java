package dev.perfapi.sample.work;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The application's own worker pool: a plain {@link ThreadPoolExecutor} with threads named {@value
 * #THREAD_PREFIX}N. The OpenTelemetry agent instruments {@code ThreadPoolExecutor}, so the request's context
 * travels with every task handed to it. A full queue rejects (the endpoint answers 503) instead of piling up.
 */
@Component
public class WorkPool implements DisposableBean {

  public static final String THREAD_PREFIX = "work-pool-";

  private final ThreadPoolExecutor executor;

  public WorkPool(
      @Value("${sample.work-pool.threads:0}") int threads,
      @Value("${sample.work-pool.queue:1024}") int queue) {
    int size = threads > 0 ? threads : Math.max(2, Runtime.getRuntime().availableProcessors());
    this.executor =
        new ThreadPoolExecutor(
            size,
            size,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queue)),
            namedThreads(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  public ThreadPoolExecutor executor() {
    return executor;
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, THREAD_PREFIX + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
