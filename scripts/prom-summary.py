#!/usr/bin/env python3
"""Prints a short live summary of the stack, read back from Prometheus' HTTP API.

usage: prom-summary.py PROMETHEUS_URL [SERVICE_NAME]
Any value that Prometheus does not have (yet) is shown as n/a; this never fails.
"""
import json
import sys
import urllib.parse
import urllib.request

prom = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:9090"
svc = sys.argv[2] if len(sys.argv) > 2 else "sample-service"
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


def query(expr):
    url = f"{prom}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            result = json.load(resp)["data"]["result"]
        value = float(result[0]["value"][1]) if result else None
        return None if value is None or value != value else value  # NaN -> n/a
    except Exception:  # Prometheus down or still starting: just n/a
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
