"""Part 5: scale. Many application threads, many distinct span names, deep stacks (GET /scale of
the sample service) in a JVM with the agent and the extension (defaults) and, beside it, one with
the agent only, both pinned to one core and loaded at the same time. Memory is read near the end
of the load: RSS, the JVM's native memory tracking (NMT) committed total and the heap in use after a full GC; the
extension's cost is the difference. The export size is every OTLP/HTTP metrics export as it goes
over the wire (a recording pass-through proxy in front of the Collector). The caps: series of each
method metric in the Collector's Prometheus output must stay within otel.perfapi.profiling.max.series
(+2 overflow series, span.name="other")."""
import re
import subprocess
import threading
import time

from . import procs, prom, stack, stats
from .otlp_proxy import OtlpProxy

METHOD_METRICS = ["method_cpu_time_seconds_total", "method_wall_time_seconds_total",
                  "method_allocation_size_bytes_total", "method_lock_wait_time_seconds_total"]
MAX_SERIES = 2000  # the extension's default otel.perfapi.profiling.max.series


def run(cfg, log_dir, say):
    cores = procs.cores()
    collector = stack.Collector("scale-collector", log_dir, core=cores["load"])
    proxies, services = {}, {}
    try:
        for key, extension in (("agent_only", False), ("extension", True)):
            port = procs.free_port()
            proxies[key] = OtlpProxy(port, collector.otlp_endpoint)
            services[key] = stack.Service(f"scale-{key}", log_dir, True, extension, f"http://127.0.0.1:{port}",
                                          [f"-Dotel.perfapi.profiling.period={cfg['period']}"],
                                          jvm=["-Xms512m", "-Xmx512m", "-XX:NativeMemoryTracking=summary"])
        for s in services.values():
            s.wait_ready()
            procs.pin_all_threads(s.pid, cores["server"])
        memory = {k: _memory(s.pid) for k, s in services.items()}  # idle, before the load
        path = (f"/scale?threads={cfg['threads']}&names={cfg['names']}&depth={cfg['depth']}"
                f"&ms={cfg['seconds'] * 1000}")
        replies = {}
        loads = [threading.Thread(target=lambda k=k, s=s: replies.__setitem__(k, procs.http_get(s.url(path), cfg["seconds"] + 120)))
                 for k, s in services.items()]
        start = time.time()
        for t in loads:
            t.start()
        say(f"scale: {path} on both JVMs")
        time.sleep(cfg["seconds"] * 0.8)
        loaded = {k: _memory(s.pid) for k, s in services.items()}
        for t in loads:
            t.join()
        end = time.time()
        time.sleep(stats.duration_seconds(cfg["period"]) + 12)  # the last period joined and exported
        series = prom.parse(collector.metrics_text())
    finally:
        for s in services.values():
            s.stop()
        for p in proxies.values():
            p.stop()
        collector.stop()
    counts = {m: len(prom.select(series, m, service_name="scale-extension")) for m in METHOD_METRICS}
    exports = {k: p.metric_exports(start, end + 15) for k, p in proxies.items()}
    mem = {}
    for name in ("rss_bytes", "nmt_committed_bytes", "heap_live_bytes"):
        for phase, data in (("idle", memory), ("loaded", loaded)):
            a, b = data["agent_only"].get(name), data["extension"].get(name)
            mem[f"{name} ({phase})"] = {"agent_only": a, "extension": b,
                                        "delta": None if a is None or b is None else b - a}
    return {
        "method": " ".join(__doc__.split()), "settings": cfg, "replies": replies,
        "memory": mem,
        "export": {
            "metrics exports during the load, extension (count)": len(exports["extension"]),
            "median bytes per metrics export, extension": stats.median(exports["extension"]),
            "max bytes per metrics export, extension": max(exports["extension"], default=None),
            "median bytes per metrics export, agent only": stats.median(exports["agent_only"]),
            "export interval s": 10,
            "content encodings seen": ", ".join(proxies["extension"].encodings()),
        },
        "caps": {**{f"{m} series (cap {MAX_SERIES} + 2)": c for m, c in counts.items()},
                 "overflow series present (span_name=other)": any(
                     l.get("span_name") == "other" for m in METHOD_METRICS
                     for l, _ in prom.select(series, m, service_name="scale-extension"))},
        "caps_hold": all(c <= MAX_SERIES + 2 for c in counts.values()) and any(counts.values()),
    }


def _memory(pid):
    out = {"rss_bytes": procs.rss_bytes(pid)}
    nmt = _jcmd(pid, "VM.native_memory", "summary")
    m = re.search(r"Total: reserved=(\d+)KB, committed=(\d+)KB", nmt)
    if m:
        out["nmt_committed_bytes"] = int(m.group(2)) * 1024
    _jcmd(pid, "GC.run")  # live heap, not wherever the last collection happened to leave it
    heap = _jcmd(pid, "GC.heap_info")
    # every generation (Serial, Parallel) or the one G1 heap: "... total NK, used NK"
    used = re.findall(r"(?:generation|heap)\s+total \d+K, used (\d+)K", heap)
    if used:
        out["heap_live_bytes"] = sum(int(u) for u in used) * 1024
    return out


def _jcmd(pid, *command):
    try:
        return subprocess.run(["jcmd", str(pid), *command], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""
