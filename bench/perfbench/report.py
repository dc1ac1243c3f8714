"""Writes the results: JSON (machine-readable, with the headline figures on top) and Markdown."""
import json
import numbers
import os
import re

from .stats import fmt

HEADLINES = {
    "throughput_ratio_default": ("overhead", lambda p: p["ratios"]["C/B"]["saturating"]["rps"]),
    "p99_ratio_default": ("overhead", lambda p: p["ratios"]["C/B"]["fixed_rate"]["p99_ms"]),
    "p99_ratio_default_saturating": ("overhead", lambda p: p["ratios"]["C/B"]["saturating"]["p99_ms"]),
    "throughput_ratio_all_on": ("overhead", lambda p: p["ratios"]["D/B"]["saturating"]["rps"]),
    "p99_ratio_all_on": ("overhead", lambda p: p["ratios"]["D/B"]["fixed_rate"]["p99_ms"]),
    "collection_cpu_ratio_vs_hostmetrics": ("collection", lambda p: p["ratio_ours_thread_vs_hostmetrics"]),
    "accuracy_error_pp": ("accuracy", lambda p: p["worst_error_pp_at_default"]),
    "misattributed_share_at_default": ("accuracy", lambda p: p["worst_misattributed_share_at_default"]),
    "scale_caps_hold": ("scale", lambda p: p["caps_hold"]),
}
README_START = "<!-- latest-results:start -->"
README_END = "<!-- latest-results:end -->"


def headlines(result):
    out = {}
    for key, (part, get) in HEADLINES.items():
        try:
            out[key] = get(result["parts"][part])
        except (KeyError, TypeError):
            out[key] = None
    return out


def write(result, out_dir, smoke):
    result = dict(headlines(result), **result)
    name = "latest-smoke" if smoke else "latest"
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(result, f, indent=2, default=str)
    md = markdown(result)
    with open(os.path.join(out_dir, name + ".md"), "w") as f:
        f.write(md)
    if not smoke:
        _update_readme(os.path.join(out_dir, "..", "README.md"), md)
    return os.path.join(out_dir, name + ".json")


def validate(result, required):
    """Problems that make a result unusable: a part that failed or a headline that is not a number."""
    problems = [f"part {p} failed: {e}" for p, e in result["failures"].items()]
    for key, (part, _) in HEADLINES.items():
        value = headlines(result)[key]
        if part in required and part not in result["failures"] and not isinstance(value, numbers.Number):
            problems.append(f"{key} is not a number: {value!r}")
    return problems


def _update_readme(path, md):
    if not os.path.exists(path):
        return
    with open(path) as f:
        text = f.read()
    if README_START in text and README_END in text:
        # the run's title, machine and headline figures; the per-part tables stay in results/latest.md
        summary = md.split("\n## 1.", 1)[0].replace("# Benchmark results", "### Benchmark results", 1)
        summary = summary.replace("## Headline figures", "#### Headline figures") + \
            "\nAll tables: [results/latest.md](results/latest.md), raw figures: [results/latest.json](results/latest.json).\n"
        text = re.sub(re.escape(README_START) + ".*?" + re.escape(README_END),
                      README_START + "\n" + summary.strip() + "\n" + README_END, text, flags=re.S)
        with open(path, "w") as f:
            f.write(text)


def _row(*cells):
    return "| " + " | ".join(fmt(c) if not isinstance(c, str) else c for c in cells) + " |"


def markdown(r):
    m = r["machine"]
    lines = [f"# Benchmark results ({r['kind']} run, {r['started']})", "",
             f"Machine: {m['cpu_model']}, {m['logical_cpus']} logical CPUs, {m['memory_gib']} GiB, "
             f"kernel {m['kernel']}, {m['java']}, clocksource {m['clocksource']}, "
             f"load average at start {fmt(m['load_average_at_start'][0])}. Command: `{r['command']}`, "
             f"{r['duration_s']} s.", "", r["note"], "",
             "## Headline figures", "", "| figure | value | promise / meaning |", "|---|---|---|"]
    meaning = {
        "throughput_ratio_default": "C/B saturating throughput (≥ 0.99 promised)",
        "p99_ratio_default": "C/B p99 at a fixed rate below saturation (≤ 1.02 promised)",
        "p99_ratio_default_saturating": "C/B p99 under wrk (saturated: queueing dominates)",
        "throughput_ratio_all_on": "D/B saturating throughput",
        "p99_ratio_all_on": "D/B p99 at the fixed rate",
        "collection_cpu_ratio_vs_hostmetrics": "CPU of our collection thread / host_metrics Collector (net)",
        "accuracy_error_pp": "worst error of the 70/30 split at the default CPU interval, percentage points",
        "misattributed_share_at_default": "CPU samples of the known methods on a wrong span, worst",
        "scale_caps_hold": "series counts stay under the configured caps",
    }
    for key in HEADLINES:
        lines.append(_row(key, r.get(key), meaning[key]))
    for name, render in (("overhead", _overhead), ("jmh", _jmh), ("collection", _collection),
                         ("accuracy", _accuracy), ("scale", _scale)):
        if name in r["parts"]:
            lines += ["", *render(r["parts"][name])]
        elif name in r["failures"]:
            lines += ["", f"## {name}", "", f"FAILED: {r['failures'][name]}"]
    return "\n".join(lines) + "\n"


def _overhead(p):
    s = p["settings"]
    out = ["## 1. Overhead (A no agent, B agent, C agent + extension defaults, D everything on)", "",
           f"`{s['path']}`, {s['rounds']} rounds alternating (order rotated every round), "
           f"{s['seconds']} s per measurement after {s['warmup']} s warm-up. Saturating: `wrk -t1 "
           f"-c{s['connections']}`; fixed rate: `hey -q` at {fmt(s['fixed_rate_rps'])} req/s in all "
           f"({s['hey_workers']} workers), {fmt(s['rate_fraction'])} of the slowest variant's throughput "
           f"after warm-up ({s['warmup_first']} s each). {p['pinning']}; {p['idle_variants']}. Medians; CPU from /proc/PID/stat.", "",
           "| variant | req/s | p50 ms | p99 ms | CPU s / 1000 req | fixed-rate p50 ms | fixed-rate p99 ms | "
           "fixed-rate CPU s / 1000 req | RSS MiB |", "|---|---|---|---|---|---|---|---|---|"]
    for key, v in p["summary"].items():
        sat, fix = v["saturating"], v["fixed_rate"]
        out.append(_row(f"{key}: {p['variants'][key]['what']}", sat["rps"], sat["p50_ms"], sat["p99_ms"],
                        sat["cpu_s_per_1000_req"], fix["p50_ms"], fix["p99_ms"], fix["cpu_s_per_1000_req"],
                        (sat["rss_bytes"] or 0) / 2**20))
    out += ["", "| ratio | req/s | p50 | p99 | CPU / req | fixed p50 | fixed p99 | fixed CPU / req | RSS |",
            "|---|---|---|---|---|---|---|---|---|"]
    for key, v in p["ratios"].items():
        sat, fix = v["saturating"], v["fixed_rate"]
        out.append(_row(key, sat["rps"], sat["p50_ms"], sat["p99_ms"], sat["cpu_s_per_1000_req"],
                        fix["p50_ms"], fix["p99_ms"], fix["cpu_s_per_1000_req"], sat["rss_bytes"]))
    out += ["", "D adds: " + " ".join(f"`{x}`" for x in p["variants"]["D"]["extra_properties"])]
    return out


def _jmh(p):
    out = ["## 2. Micro-benchmarks (JMH 1.37, `-prof gc`)", "", f"`{p['command']}`. {p['note']}.", "",
           "| benchmark | params | score | ± | unit | bytes allocated / op | samples / s |", "|---|---|---|---|---|---|---|"]
    for row in p["rows"]:
        params = ", ".join(f"{k}={v}" for k, v in row["params"].items())
        out.append(_row(row["benchmark"], params, row["score"], row["error"], row["unit"],
                        row["alloc_bytes_per_op"], row.get("samples_per_s")))
    out += ["", "Added per operation on the application thread (ns, vs the SDK's storage without the wrapper):", "",
            "| benchmark | + wrapper | + wrapper and wall-clock thread filter (default) |", "|---|---|---|"]
    for b, v in p["activation_ns"].items():
        out.append(_row(b, v["perfapi_minus_plain_ns"], v["perfapi_wall_minus_plain_ns"]))
    return out


def _collection(p):
    c = p["cpu_s_per_1000_collections"]
    return ["## 3. Collection cost vs the Collector's host_metrics receiver", "",
            f"{p['settings']['measured_s']} s at {p['settings']['interval_s']} s intervals "
            f"({p['settings']['collections']} collections each); {p['pinning']}.", "",
            "| what | CPU s per 1000 collections |", "|---|---|",
            _row("ours: the collection thread", c["ours_collection_thread"]),
            _row("ours: JVM with extension − agent-only JVM (noisy)", c["ours_jvm_minus_agent_only_jvm"]),
            _row("host_metrics Collector − idle Collector", c["hostmetrics_collector_minus_idle_collector"]),
            "", f"Ratio ours/theirs: {fmt(p['ratio_ours_thread_vs_hostmetrics'])} (thread), "
            f"{fmt(p['ratio_ours_jvm_delta_vs_hostmetrics'])} (JVM delta). Metric set: ours "
            f"{p['metric_set']['ours_series']} series, host_metrics {p['metric_set']['hostmetrics_data_points_per_batch']} "
            "data points per scrape.", "", "Method: " + " ".join(p["method"].split())]


def _accuracy(p):
    out = ["## 4. Accuracy of span attribution (GET /work/cpu, designed 70/30 by thread CPU)", "",
           p["method"], "", "| CPU interval | hashLoop share % | error pp | misattributed share | CpuWork samples (s) |",
           "|---|---|---|---|---|"]
    for row in p["runs"]:
        out.append(_row(row["interval"], row["hash_share_pct"], row["error_pp"], row["misattributed_share"],
                        row["cpuwork_seconds"]))
    return out


def _scale(p):
    out = ["## 5. Scale", "", p["method"], "", "| figure | agent only | agent + extension | delta |", "|---|---|---|---|"]
    for key, v in p["memory"].items():
        out.append(_row(key, v.get("agent_only"), v.get("extension"), v.get("delta")))
    out += ["", "| export / cap | value |", "|---|---|"]
    for key, v in p["export"].items():
        out.append(_row(key, v))
    for key, v in p["caps"].items():
        out.append(_row(key, v))
    return out
