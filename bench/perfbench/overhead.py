"""Part 1: overhead of the agent and of the extension on the sample service, A/B/C/D interleaved.

All four JVMs run for the whole part; the one being measured runs, the other three are frozen
with SIGSTOP, so their background threads (exports, collection, profiler) cannot steal CPU from it.
The server JVMs share one core, the load generator and the Collector the other (when there are two).
"""
import os
import time

from . import loadgen, procs, stack, stats

# D: every profiling event explicitly on (they are also the defaults), every optional host
# family on, host figures every second, and deterministic timing of the endpoint's own methods.
ALL_ON = [
    "-Dotel.perfapi.profiling.cpu.enabled=true",
    "-Dotel.perfapi.profiling.wall.enabled=true",
    "-Dotel.perfapi.profiling.alloc.enabled=true",
    "-Dotel.perfapi.profiling.lock.enabled=true",
    "-Dotel.perfapi.host.cpu.percpu.enabled=true",
    "-Dotel.perfapi.host.disk.partitions.enabled=true",
    "-Dotel.perfapi.host.interval=1s",
    "-Dotel.perfapi.host.processes.interval=5s",
    "-Dotel.perfapi.methods.include=dev.perfapi.sample.work.CpuWork[hashLoop,sortLoop]",
]

VARIANTS = {
    "A": {"what": "no agent", "agent": False, "extension": False, "props": []},
    "B": {"what": "OpenTelemetry agent only", "agent": True, "extension": False, "props": []},
    "C": {"what": "agent + perfapi extension, defaults", "agent": True, "extension": True, "props": []},
    "D": {"what": "agent + perfapi extension, everything on", "agent": True, "extension": True,
          "props": ALL_ON},
}


def _measure(service, kind, url, cfg, rate, core):
    cpu0 = procs.cpu_seconds(service.pid)
    if kind == "saturating":
        r = loadgen.wrk(url, cfg["seconds"], cfg["connections"], core)
    else:
        r = loadgen.hey(url, cfg["seconds"], rate, cfg["hey_workers"], core)
    cpu = procs.cpu_seconds(service.pid) - cpu0
    r["cpu_seconds"] = cpu
    r["cpu_s_per_1000_req"] = 1000 * cpu / r["requests"] if r["requests"] else None
    r["rss_bytes"] = procs.rss_bytes(service.pid)
    return r


def run(cfg, log_dir, say):
    cores = procs.cores()
    collector = stack.Collector("overhead-collector", log_dir, core=cores["load"])
    services = {}
    raw = []
    try:
        for key, v in VARIANTS.items():
            services[key] = stack.Service("overhead-" + key, log_dir, v["agent"], v["extension"],
                                          collector.otlp_endpoint, v["props"])
        for s in services.values():
            s.wait_ready()
        for s in services.values():
            procs.pin_all_threads(s.pid, cores["server"])
            s.proc.pause()
        url = {k: s.url(cfg["path"]) for k, s in services.items()}
        warm = {}
        for key, s in services.items():  # JIT warm-up of every variant before any measurement
            s.proc.resume()
            loadgen.wrk(url[key], cfg["warmup_first"], cfg["connections"], cores["load"])
            s.proc.pause()
        for key, s in services.items():  # the warm throughput of each, for the fixed rate
            s.proc.resume()
            warm[key] = loadgen.wrk(url[key], cfg["warmup"], cfg["connections"], cores["load"])["rps"]
            s.proc.pause()
            say(f"overhead: warmed up {key} ({warm[key]:.0f} req/s)")
        rate = cfg.get("rate") or max(1.0, round(cfg["rate_fraction"] * min(warm.values())))
        keys = list(VARIANTS)
        for rnd in range(cfg["rounds"]):
            order = keys[rnd % len(keys):] + keys[:rnd % len(keys)]  # each variant in every position
            for key in order:
                s = services[key]
                s.proc.resume()
                try:
                    loadgen.wrk(url[key], cfg["warmup"], cfg["connections"], cores["load"])
                    for kind in ("saturating", "fixed_rate"):
                        r = _measure(s, kind, url[key], cfg, rate, cores["load"])
                        r.update(variant=key, round=rnd, kind=kind)
                        raw.append(r)
                finally:
                    s.proc.pause()
                sat = raw[-2]
                say(f"overhead: round {rnd + 1}/{cfg['rounds']} {key}: {sat['rps']:.0f} req/s, "
                    f"p99 {sat['p99_ms']:.2f} ms; fixed {rate:.0f}/s p99 {raw[-1]['p99_ms']:.2f} ms")
    finally:
        for s in services.values():
            s.stop()
        collector.stop()
    return summarize(raw, cfg, rate, cores, warm)


def summarize(raw, cfg, rate, cores, warm):
    summary = {}
    for key in VARIANTS:
        for kind in ("saturating", "fixed_rate"):
            rows = [r for r in raw if r["variant"] == key and r["kind"] == kind]
            summary.setdefault(key, {})[kind] = {
                m: stats.median([r[m] for r in rows])
                for m in ("rps", "p50_ms", "p99_ms", "cpu_s_per_1000_req", "rss_bytes")}
            summary[key][kind]["errors"] = sum(r["errors"] for r in rows)
    ratios = {}
    for num in ("C", "D", "B"):
        den = "A" if num == "B" else "B"
        for kind in ("saturating", "fixed_rate"):
            ratios[f"{num}/{den}"] = ratios.get(f"{num}/{den}", {})
            ratios[f"{num}/{den}"][kind] = {
                m: stats.ratio(summary[num][kind][m], summary[den][kind][m])
                for m in ("rps", "p50_ms", "p99_ms", "cpu_s_per_1000_req", "rss_bytes")}
    return {
        "variants": {k: {"what": v["what"], "extra_properties": v["props"]} for k, v in VARIANTS.items()},
        "settings": dict(cfg, fixed_rate_rps=rate, warmup_rps=warm),
        "pinning": (f"server JVMs on CPU {cores['server']}; wrk, hey and the Collector on CPU {cores['load']}"
                    if cores["pinned"] else "not pinned (one usable CPU)"),
        "idle_variants": "frozen with SIGSTOP while another variant is measured",
        "summary": summary,
        "ratios": ratios,
        "raw": raw,
    }
