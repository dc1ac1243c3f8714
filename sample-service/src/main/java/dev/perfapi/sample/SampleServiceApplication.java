package dev.perfapi.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The workload service for the Performance API: a plain Spring Boot (Tomcat) application that the
 * OpenTelemetry Java agent instruments without any code change. Every {@code /work/*} endpoint does a known
 * amount of a known kind of work in clearly named methods, so a profiler's attribution can be checked.
 */
@SpringBootApplication
public class SampleServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleServiceApplication.class, args);
  }
}
