package dev.perfapi.sample.web;

import dev.perfapi.sample.work.ScaleWork;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /scale?threads=&names=&depth=&ms=}: many threads, many span names, deep stacks, for
 * the scale benchmark (bench/, part 5). Answers when the run is over.
 */
@RestController
class ScaleController {

  private final ScaleWork scale;

  ScaleController(ScaleWork scale) {
    this.scale = scale;
  }

  @GetMapping(path = "/scale", produces = MediaType.APPLICATION_JSON_VALUE)
  ScaleWork.Result scale(
      @RequestParam(name = "threads", required = false) String threads,
      @RequestParam(name = "names", required = false) String names,
      @RequestParam(name = "depth", required = false) String depth,
      @RequestParam(name = "ms", required = false) String ms) throws InterruptedException {
    return scale.run(Params.boundedInt("threads", threads, 10, 1, 2000),
        Params.boundedInt("names", names, 100, 1, 1_000_000),
        Params.boundedInt("depth", depth, 20, 0, 1000),
        Params.boundedInt("ms", ms, 1000, 1, 300_000));
  }
}
