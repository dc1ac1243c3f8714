"""Debian's wrk (closed loop, saturating) and hey (-q: a fixed request rate), run and parsed."""
import re
import subprocess

from . import procs

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    return float(m.group(1)) * _UNITS[m.group(2)]


def wrk(url, seconds, connections, core=None):
    """Saturating load: one wrk thread, fixed connections. Returns rps, requests, p50/p99 in ms."""
    cmd = procs.pin_prefix(core) + ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    return dict(parse_wrk(out), command=" ".join(cmd))


def parse_wrk(out):
    result = {"tool": "wrk"}
    if "requests in" not in out:
        raise RuntimeError(f"wrk failed:\n{out[:800]}")
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    result["p50_ms"] = _ms(pct["50"])
    result["p99_ms"] = _ms(pct["99"])
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    result["errors"] = (int(bad.group(1)) if bad else 0) + (sum(map(int, re.findall(r"\d+", errors.group(0)))) if errors else 0)
    return result


def hey(url, seconds, rate, workers=4, core=None):
    """Fixed-rate load below saturation: hey -q limits each of `workers` to rate/workers requests/s."""
    cmd = procs.pin_prefix(core) + ["hey", "-z", f"{seconds}s", "-c", str(workers),
                                    "-q", f"{rate / workers:.3f}", url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    return dict(parse_hey(out), command=" ".join(cmd), target_rps=rate)


def parse_hey(out):
    result = {"tool": "hey"}
    pct = dict(re.findall(r"^\s+(\d+)% in ([\d.]+) secs", out, re.M))
    slowest = re.search(r"Slowest:\s+([\d.]+) secs", out)
    if "50" not in pct or slowest is None:
        raise RuntimeError(f"hey gave no latency distribution (no request completed?):\n{out[:800]}")
    result["p50_ms"] = float(pct["50"]) * 1e3
    # hey prints only the percentiles its sample can tell apart; with under 100 requests the
    # 99th is absent and the slowest request stands in for it (an upper bound).
    result["p99_ms"] = float(pct.get("99", slowest.group(1))) * 1e3
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    codes = dict((int(c), int(n)) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out))
    result["requests"] = sum(codes.values())
    result["errors"] = sum(n for c, n in codes.items() if c >= 400) + len(re.findall(r"^\s+\[\d+\]\s+Get ", out, re.M))
    return result
