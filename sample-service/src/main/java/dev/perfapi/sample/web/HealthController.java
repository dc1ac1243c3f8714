package dev.perfapi.sample.web;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /healthz}: liveness for scripts and tests (no actuator, to keep startup lean). */
@RestController
class HealthController {

  private static final Map<String, String> UP = Map.of("status", "UP");

  @GetMapping(path = "/healthz", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> health() {
    return UP;
  }
}
