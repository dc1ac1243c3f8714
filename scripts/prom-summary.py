#!/usr/bin/env python3
"""Prints a short live summary of the stack, read back from Prometheus' HTTP API.

usage: prom-summary.py PROMETHEUS_URL [SERVICE_NAME] [REST_URL] [JAEGER_URL]
Any value that Prometheus does not have (yet) is shown as n/a; this never fails.
"""
import json
import sys
import time
import urllib.parse
import urllib.request

prom = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9090"
svc = sys.argv[2] if len(sys.argv) > 2 else "sample-service"
rest = sys.argv[3] if len(sys.argv) > 3 else "http://127.0.0.1:9465"
jaeger = sys.argv[4] if len(sys.argv) > 4 else None
sel = f'service_name="{svc}"'
W = "1m"  # rate window: >= 4 scrapes at 5 s, smooth enough for a 15 s display

QUERIES = [
    ("host CPU busy", f'100 * (1 - sum(rate(system_cpu_time_seconds_total{{{sel},cpu_mode="idle"}}[{W}]))'
                      f' / sum(rate(system_cpu_time_seconds_total{{{sel}}}[{W}])))', "pct"),
    ("host memory used", f'sum(system_memory_usage_bytes{{{sel},system_memory_state="used"}})', "bytes"),
    ("host processes", f'sum(system_process_count{{{sel}}})', "num"),
    (f"{svc} CPU", f'100 * sum(rate(process_cpu_time_seconds_total{{{sel}}}[{W}]))', "pct1"),
    (f"{svc} RSS", f'sum(process_memory_usage_bytes{{{sel}}})', "bytes"),
    ("request rate", f'sum(rate(http_server_request_duration_seconds_count{{{sel}}}[{W}]))', "rps"),
    ("p95 latency", f'1000 * histogram_quantile(0.95, sum by (le) '
                    f'(rate(http_server_request_duration_seconds_bucket{{{sel}}}[{W}])))', "ms"),
    ("series from service", f'count({{{sel}}})', "num"),
    ("collector scraped", 'up{job="otel-collector"}', "up"),
]


def get(path, params):
    url = f"{prom}{path}?" + urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            return json.load(resp)["data"]
    except Exception:  # Prometheus down or still starting: no data
        return None


def query(expr):
    data = get("/api/v1/query", {"query": expr})
    result = data["result"] if data else []
    value = float(result[0]["value"][1]) if result else None
    return None if value is None or value != value else value  # NaN -> n/a


def top_methods(per_endpoint=3):
    """Top self-CPU methods per endpoint since the service started, with their share of it."""
    data = get("/api/v1/query", {"query": f'sum by (span_name, code_function_name) '
                                           f'(method_cpu_time_seconds_total{{{sel},method_time_scope="self"}})'})
    by_span = {}
    for r in (data or {}).get("result", []):
        by_span.setdefault(r["metric"].get("span_name", "?"), []).append(
            (float(r["value"][1]), r["metric"].get("code_function_name", "?")))
    lines = []
    for span in sorted(by_span):
        rows = sorted((r for r in by_span[span] if r[0] > 0), reverse=True)
        total = sum(v for v, _ in rows)
        if total <= 0:
            continue
        top = ", ".join(f"{m.rsplit('.', 2)[-2] + '.' + m.rsplit('.', 1)[-1] if m.count('.') > 1 else m} "
                        f"{100 * v / total:.0f}%" for v, m in rows[:per_endpoint])
        lines.append(f"    {span:<22} {top}")
    return lines


def exemplar_trace():
    """A trace that contributed to the CPU endpoint's hot method, via Prometheus' exemplars."""
    now = time.time()
    data = get("/api/v1/query_exemplars", {
        "query": f'method_cpu_time_seconds_total{{{sel},span_name="GET /work/cpu"}}',
        "start": f"{now - 300:.0f}", "end": f"{now:.0f}"})
    for series in data or []:
        for ex in reversed(series.get("exemplars", [])):
            trace = ex.get("labels", {}).get("trace_id")
            if trace:
                return trace
    return None


def fmt(value, kind):
    if value is None:
        return "n/a"
    if kind == "bytes":
        return f"{value / 2**30:.2f} GiB" if value >= 2**30 else f"{value / 2**20:.0f} MiB"
    if kind == "pct":
        return f"{value:.1f} %"
    if kind == "pct1":
        return f"{value:.1f} % of one core"
    if kind == "rps":
        return f"{value:.1f} req/s"
    if kind == "ms":
        return f"{value:.1f} ms"
    if kind == "up":
        return "up" if value == 1 else "DOWN"
    return f"{value:.0f}"


for label, expr, kind in QUERIES:
    print(f"  {label:<22} {fmt(query(expr), kind)}")
methods = top_methods()
print("  top methods by self CPU since start (share of each endpoint's sampled CPU, estimates):")
print("\n".join(methods) if methods else "    n/a (the first profiling period is not exported yet)")
trace_id = exemplar_trace()
print(f"  flame graph of one trace  {rest + '/api/v1/traces/' + trace_id + '/profile' if trace_id else 'n/a (no exemplar yet)'}")
if jaeger:
    print(f"  that trace in Jaeger      {jaeger + '/api/traces/' + trace_id if trace_id else 'n/a (no exemplar yet)'}")
alerts = get("/api/v1/alerts", {})
firing = "n/a" if alerts is None else ", ".join(sorted(
    {a["labels"]["alertname"] for a in alerts.get("alerts", []) if a.get("state") == "firing"})) or "none"
print(f"  alerts firing             {firing}")
