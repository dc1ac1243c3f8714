"""Part 2: the JMH micro-benchmarks (bench/jmh, target/benchmarks.jar), with JMH's gc profiler."""
import json
import os
import shlex
import subprocess

from . import stack

JAR = os.path.join(stack.ROOT, "bench/jmh/target/benchmarks.jar")


def run(cfg, log_dir, say):
    if not os.path.exists(JAR):
        raise RuntimeError(f"{JAR} missing: run `mvn -B package -DskipTests` (the module bench/jmh)")
    os.makedirs(log_dir, exist_ok=True)
    out = os.path.join(log_dir, "jmh.json")
    cmd = ["java", "-jar", JAR] + shlex.split(cfg["args"]) + ["-prof", "gc", "-rf", "json", "-rff", out]
    if cfg.get("include"):
        cmd.append(cfg["include"])
    say("jmh: " + " ".join(cmd[2:]))
    with open(os.path.join(log_dir, "jmh.log"), "wb") as log:
        subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT, timeout=1800)
    with open(out) as f:
        return summarize(json.load(f), " ".join(cmd))


def _short(benchmark):
    return benchmark.rsplit(".", 2)[-2] + "." + benchmark.rsplit(".", 1)[-1]


def summarize(results, command):
    rows = []
    for r in results:
        pm = r["primaryMetric"]
        sec = r.get("secondaryMetrics", {})
        row = {"benchmark": _short(r["benchmark"]), "params": r.get("params") or {},
               "score": pm["score"], "error": pm.get("scoreError"), "unit": pm["scoreUnit"],
               "alloc_bytes_per_op": sec.get("gc.alloc.rate.norm", {}).get("score")}
        if "samples" in sec:
            row["samples_per_s"] = sec["samples"]["score"]
        rows.append(row)
    activation = {}
    for row in rows:
        if row["benchmark"].startswith("ActivationBenchmark."):
            activation.setdefault(row["benchmark"].split(".")[1], {})[row["params"]["storage"]] = row["score"]
    added = {b: {"perfapi_minus_plain_ns": v.get("perfapi", 0) - v.get("plain", 0),
                 "perfapi_wall_minus_plain_ns": v.get("perfapi-wall", 0) - v.get("plain", 0), **v}
             for b, v in activation.items() if "plain" in v}
    return {"command": command, "rows": rows, "activation_ns": added,
            "note": "scores are wall-clock averages of one fork on a shared machine; errors are JMH's 99.9% intervals"}
