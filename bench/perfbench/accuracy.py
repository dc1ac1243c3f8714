"""Part 4: accuracy of span attribution at several CPU sampling intervals.

GET /work/cpu burns its budget 70/30 in CpuWork.hashLoop/sortLoop by thread CPU time, while
GET /work/spin (SpinWork.spin) and GET /work/pool (PoolWork.crunch, on the application's
executor) run at the same time, each from one closed-loop hey client. Read back from the
Collector's Prometheus output (method_cpu_time_seconds_total, self time): the error is the
hashLoop share's distance from 70 % in percentage points; the misattributed share is the CPU
time of these four methods found on any span but their own endpoint's, "(no span)" included
(stricter than the end-to-end test, which counts other endpoints only).
"""
import subprocess
import time

from . import procs, prom, stack, stats

WORK = "dev.perfapi.sample.work."
HASH, SORT = WORK + "CpuWork.hashLoop", WORK + "CpuWork.sortLoop"
HOME = {HASH: "GET /work/cpu", SORT: "GET /work/cpu", WORK + "SpinWork.spin": "GET /work/spin",
        WORK + "PoolWork.crunch": "GET /work/pool"}
METRIC = "method_cpu_time_seconds_total"


def run(cfg, log_dir, say):
    cores = procs.cores()
    collector = stack.Collector("accuracy-collector", log_dir, core=cores["load"])
    services = {}
    runs = []
    try:
        for interval in cfg["intervals"]:
            services[interval] = stack.Service(f"accuracy-{interval}", log_dir, True, True, collector.otlp_endpoint, [
                f"-Dotel.perfapi.profiling.cpu.interval={interval}",
                f"-Dotel.perfapi.profiling.period={cfg['period']}"])
        for s in services.values():
            s.wait_ready()
        for s in services.values():
            procs.pin_all_threads(s.pid, cores["server"])
            s.proc.pause()
        for interval, s in services.items():
            s.proc.resume()
            try:
                _load(s, cfg, cores["load"])
                runs.append(dict(_read(collector, s.proc.name, cfg["period"], say), interval=interval))
            finally:
                s.proc.pause()
            say(f"accuracy: {interval}: hashLoop {runs[-1]['hash_share_pct']:.1f} %, "
                f"error {runs[-1]['error_pp']:.2f} pp, misattributed {runs[-1]['misattributed_share']:.4f}")
    finally:
        for s in services.values():
            s.stop()
        collector.stop()
    at_default = [r for r in runs if r["interval"] == cfg["default_interval"]]
    return {"method": " ".join(__doc__.split()), "settings": cfg, "runs": runs,
            "worst_error_pp_at_default": max((r["error_pp"] for r in at_default), default=None),
            "worst_misattributed_share_at_default": max((r["misattributed_share"] for r in at_default), default=None)}


def _load(service, cfg, core):
    clients = [subprocess.Popen(procs.pin_prefix(core) + ["hey", "-z", f"{cfg['seconds']}s", "-c", "1",
                                service.url(f"/work/{ep}?ms={cfg['request_ms']}")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for ep in ("cpu", "spin", "pool")]
    for c in clients:
        c.wait(cfg["seconds"] + 60)


def _read(collector, service_name, period, say):
    """Waits until the exported totals stop growing (a period and an export after the load)."""
    quiet = stats.duration_seconds(period) + 12  # a whole period and more than one export interval (10 s)
    last, stable_since, deadline = None, None, time.time() + 60 + 2 * quiet
    while time.time() < deadline:
        # only the workload's own methods: "(no span)" keeps growing with the JVM's own threads
        series = [(l, v) for n, l, v in prom.parse(collector.metrics_text())
                  if n == METRIC and l.get("service_name") == service_name and l.get("method_time_scope") == "self"
                  and l.get("code_function_name") in HOME]
        now = round(sum(v for _, v in series), 6)
        if now > 0 and now == last:
            if time.time() - stable_since >= quiet:
                break
        else:
            last, stable_since = now, time.time()
        time.sleep(2)
    else:
        say(f"accuracy: totals of {service_name} still changing or empty")
    by = {}
    for labels, value in series:
        key = (labels.get("span_name"), labels.get("code_function_name"))
        by[key] = by.get(key, 0.0) + value
    hash_s, sort_s = by.get(("GET /work/cpu", HASH), 0.0), by.get(("GET /work/cpu", SORT), 0.0)
    share = 100 * hash_s / (hash_s + sort_s) if hash_s + sort_s else None
    right = sum(v for (span, fn), v in by.items() if fn in HOME and HOME[fn] == span)
    wrong = sum(v for (span, fn), v in by.items() if fn in HOME and HOME[fn] != span)
    return {"hash_seconds": hash_s, "sort_seconds": sort_s, "hash_share_pct": share,
            "error_pp": abs(share - 70) if share is not None else None,
            "misattributed_share": wrong / (right + wrong) if right + wrong else None,
            "cpuwork_seconds": hash_s + sort_s, "known_method_seconds": right + wrong}
