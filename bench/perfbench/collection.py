"""Part 3: CPU cost of our host+process collection vs the Collector's host_metrics receiver.

Ours: the CPU time of the extension's one collection thread (perfapi-metrics-collector, read from
/proc/PID/task/TID/stat) in a JVM with the agent and the extension, profiling off, every family at
the same interval. Also, less precise, that whole JVM minus an agent-only JVM idling beside it.
Theirs: a Collector with only host_metrics (same families, the same one JVM as `process`) into a
debug exporter, minus the same Collector whose only receiver gets nothing.
All measured processes share one core; the OTLP sink Collector of the JVMs runs on the other.
"""
import os
import re
import shutil
import time

from . import procs, prom, stack, stats

PROCESS_NAME = "perfapi-bjvm"  # <= 15 characters: the kernel's comm, what host_metrics matches
THREAD_PREFIX = "perfapi-metrics"  # comm of perfapi-metrics-collector (truncated to 15)


def _java_link(log_dir):
    """A link to java with a unique name, so host_metrics' `process` scraper picks this JVM only."""
    link = os.path.join(log_dir, PROCESS_NAME)
    target = os.path.realpath(shutil.which("java"))
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(target, link)
    return link


def run(cfg, log_dir, say):
    os.makedirs(log_dir, exist_ok=True)
    cores = procs.cores()
    interval = f"{cfg['interval_s']}s"
    started = []
    try:
        env = {"BENCH_INTERVAL": interval, "BENCH_PROCESS_NAME": PROCESS_NAME,
               "BENCH_IDLE_OTLP_PORT": str(procs.free_port())}
        theirs = procs.Proc("collection-hostmetrics", procs.pin_prefix(cores["server"]) + [
            stack.COLLECTOR, "--config", os.path.join(stack.BENCH_CONFIGS, "hostmetrics-bench.yaml")],
            log_dir, env)
        started.append(theirs)
        idle = procs.Proc("collection-idle", procs.pin_prefix(cores["server"]) + [
            stack.COLLECTOR, "--config", os.path.join(stack.BENCH_CONFIGS, "idle-bench.yaml")],
            log_dir, env)
        started.append(idle)
        time.sleep(2)
        for p in (theirs, idle):
            if not p.alive():
                raise RuntimeError(f"{p.name} exited:\n{p.log_tail()}")
        sink = stack.Collector("collection-sink", log_dir, core=cores["load"])
        started.append(sink)
        ours = stack.Service("collection-ours", log_dir, True, True, sink.otlp_endpoint, [
            "-Dotel.perfapi.profiling.enabled=false",
            f"-Dotel.perfapi.host.interval={interval}",
            f"-Dotel.perfapi.host.processes.interval={interval}"],
            core=cores["server"], java=_java_link(log_dir))
        started.append(ours)
        agent_only = stack.Service("collection-agent-only", log_dir, True, False, sink.otlp_endpoint,
                                   core=cores["server"])
        started.append(agent_only)
        ours.wait_ready()
        agent_only.wait_ready()
        time.sleep(max(3.0, 3 * cfg["interval_s"]))  # first reads (OSHI, JNA load) are not steady state
        threads = procs.thread_ids(ours.pid, THREAD_PREFIX)
        if len(threads) != 1:
            raise RuntimeError(f"expected one {THREAD_PREFIX}* thread in pid {ours.pid}, found {threads}")
        tid = threads[0]

        def snapshot():
            return {"ours_thread": procs.cpu_seconds(ours.pid, tid), "ours_process": procs.cpu_seconds(ours.pid),
                    "agent_only_process": procs.cpu_seconds(agent_only.pid),
                    "hostmetrics_process": procs.cpu_seconds(theirs.pid), "idle_process": procs.cpu_seconds(idle.pid),
                    "t": time.time()}

        before = snapshot()
        say(f"collection: measuring {cfg['seconds']} s at {interval}")
        time.sleep(cfg["seconds"])
        after = snapshot()
        cpu = {k: after[k] - before[k] for k in before}
        ours_series = _our_series(sink, "collection-ours")
        theirs_points = _debug_points(theirs.log_path)
    finally:
        for p in reversed(started):
            p.stop()
    elapsed = cpu.pop("t")
    collections = elapsed / cfg["interval_s"]
    per_k = lambda s: 1000 * s / collections  # noqa: E731
    theirs_net = cpu["hostmetrics_process"] - cpu["idle_process"]
    ours_net_process = cpu["ours_process"] - cpu["agent_only_process"]
    return {
        "settings": dict(cfg, measured_s=round(elapsed, 1), collections=round(collections)),
        "cpu_seconds": cpu,
        "cpu_s_per_1000_collections": {
            "ours_collection_thread": per_k(cpu["ours_thread"]),
            "ours_jvm_minus_agent_only_jvm": per_k(ours_net_process),
            "hostmetrics_collector_minus_idle_collector": per_k(theirs_net),
        },
        "ratio_ours_thread_vs_hostmetrics": stats.ratio(cpu["ours_thread"], theirs_net),
        "ratio_ours_jvm_delta_vs_hostmetrics": stats.ratio(ours_net_process, theirs_net),
        "metric_set": {"ours_series": ours_series, "hostmetrics_data_points_per_batch": theirs_points},
        "pinning": (f"measured processes on CPU {cores['server']}, the JVMs' OTLP sink on CPU {cores['load']}"
                    if cores["pinned"] else "not pinned"),
        "method": __doc__.strip(),
    }


def _our_series(sink, service):
    """Host and process series the extension exported (what its collection produced)."""
    series = prom.parse(sink.metrics_text())
    return len([1 for n, l, _ in series if l.get("service_name") == service
                and l.get("otel_scope_name") == "dev.perfapi" and (n.startswith("system_") or n.startswith("process_"))])


def _debug_points(log_path):
    """The debug exporter's last batch size: how many data points one host_metrics scrape made."""
    with open(log_path, errors="replace") as f:
        points = re.findall(r'"data points":\s*(\d+)', f.read())
    return int(points[-1]) if points else None
