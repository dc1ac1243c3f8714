package dev.perfapi.sample.web;

import dev.perfapi.sample.work.AllocWork;
import dev.perfapi.sample.work.AsyncWork;
import dev.perfapi.sample.work.CpuWork;
import dev.perfapi.sample.work.IoWork;
import dev.perfapi.sample.work.LockWork;
import dev.perfapi.sample.work.PoolWork;
import dev.perfapi.sample.work.SpinWork;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /work/*} endpoints. Parameters are taken as strings and parsed strictly ({@link Params}), so every
 * bad value is a 400 naming the parameter. Each mapping is a fixed path, so the agent's {@code http.route} (and
 * span name) is e.g. {@code GET /work/cpu}.
 */
@RestController
@RequestMapping(path = "/work", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkController {

  static final int MAX_MS = 1000;
  static final int MAX_MB = 256;

  private final CpuWork cpu;
  private final SpinWork spin;
  private final PoolWork pool;
  private final AsyncWork async;
  private final AllocWork alloc;
  private final IoWork io;
  private final LockWork lock;

  WorkController(
      CpuWork cpu, SpinWork spin, PoolWork pool, AsyncWork async, AllocWork alloc, IoWork io, LockWork lock) {
    this.cpu = cpu;
    this.spin = spin;
    this.pool = pool;
    this.async = async;
    this.alloc = alloc;
    this.io = io;
    this.lock = lock;
  }

  @GetMapping("/cpu")
  CpuWork.Result cpu(@RequestParam(name = "ms", required = false) String ms) {
    return cpu.run(Params.boundedInt("ms", ms, 10, 1, MAX_MS));
  }

  @GetMapping("/spin")
  SpinWork.Result spin(@RequestParam(name = "ms", required = false) String ms) {
    return spin.run(Params.boundedInt("ms", ms, 10, 1, MAX_MS));
  }

  @GetMapping("/pool")
  PoolWork.Result pool(@RequestParam(name = "ms", required = false) String ms) {
    return pool.run(Params.boundedInt("ms", ms, 10, 1, MAX_MS));
  }

  @GetMapping("/async")
  AsyncWork.Result async(@RequestParam(name = "ms", required = false) String ms) {
    return async.run(Params.boundedInt("ms", ms, 10, 1, MAX_MS));
  }

  @GetMapping("/alloc")
  AllocWork.Result alloc(@RequestParam(name = "mb", required = false) String mb) {
    return alloc.run(Params.boundedInt("mb", mb, 8, 1, MAX_MB));
  }

  @GetMapping("/io")
  IoWork.Result io(@RequestParam(name = "ms", required = false) String ms) {
    return io.run(Params.boundedInt("ms", ms, 20, 1, MAX_MS));
  }

  @GetMapping("/lock")
  LockWork.Result lock(@RequestParam(name = "ms", required = false) String ms) {
    return lock.run(Params.boundedInt("ms", ms, 5, 1, MAX_MS));
  }
}
