#!/usr/bin/env python3
"""Performance API benchmarks: `make bench` runs them all (under 30 min on 2 cores), `--smoke` a
short version of each (what `make test` runs; it checks only that each part runs and that the
result is well formed, never a timing).

  bench/run.py                       all parts, results to bench/results/ (latest.json, latest.md)
  bench/run.py --smoke               all parts, short, results to .run/bench-smoke/
  bench/run.py --parts overhead,jmh  some parts only
  bench/run.py --set overhead.rounds=7 --set collection.seconds=300   change a setting
"""
import argparse
import datetime
import importlib
import json
import os
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from perfbench import procs, report, stack  # noqa: E402

PARTS = ["overhead", "jmh", "collection", "accuracy", "scale"]

FULL = {
    "overhead": {"path": "/work/cpu?ms=1", "rounds": 5, "seconds": 10, "warmup": 5, "warmup_first": 20,
                 "connections": 8, "hey_workers": 4, "rate_fraction": 0.5, "rate": None},
    "jmh": {"args": "-f 1 -wi 3 -w 1s -i 5 -r 1s"},
    "collection": {"seconds": 180, "interval_s": 1},
    "accuracy": {"intervals": ["2ms", "10ms", "50ms"], "default_interval": "10ms", "seconds": 40,
                 "request_ms": 50, "period": "5s"},
    "scale": {"threads": 500, "names": 10000, "depth": 200, "seconds": 40, "period": "5s"},
}
SMOKE = {
    "overhead": {"path": "/work/cpu?ms=1", "rounds": 1, "seconds": 2, "warmup": 1, "warmup_first": 2,
                 "connections": 4, "hey_workers": 2, "rate_fraction": 0.5, "rate": None},
    "jmh": {"args": "-f 1 -wi 0 -i 1 -r 200ms"},
    "collection": {"seconds": 8, "interval_s": 1},
    "accuracy": {"intervals": ["10ms"], "default_interval": "10ms", "seconds": 8, "request_ms": 50,
                 "period": "2s"},
    "scale": {"threads": 20, "names": 200, "depth": 20, "seconds": 6, "period": "2s"},
}


def settings(smoke, overrides):
    cfg = json.loads(json.dumps(SMOKE if smoke else FULL))
    for item in overrides:
        key, value = item.split("=", 1)
        part, name = key.split(".", 1)
        try:
            cfg[part][name] = json.loads(value)
        except json.JSONDecodeError:
            cfg[part][name] = value
    return cfg


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="short run of every part (make test)")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated: " + ",".join(PARTS))
    ap.add_argument("--set", action="append", default=[], metavar="PART.KEY=VALUE")
    ap.add_argument("--out", help="results directory (default bench/results, or .run/bench-smoke with --smoke)")
    args = ap.parse_args()
    # SIGTERM (a CI timeout, kill) unwinds like Ctrl-C, so every part stops the processes it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack.check_artifacts()
    out = args.out or os.path.join(stack.ROOT, ".run/bench-smoke" if args.smoke else "bench/results")
    log_dir = os.path.join(stack.ROOT, ".run/bench-logs" + ("-smoke" if args.smoke else ""))
    os.makedirs(out, exist_ok=True)
    cfg = settings(args.smoke, args.set)
    started = time.time()

    def say(msg):
        print(f"[{time.time() - started:6.0f}s] {msg}", flush=True)

    result = {
        # "custom" when any setting differs from the full run: not comparable with full runs
        "kind": "smoke" if args.smoke else ("custom" if args.set else "full"),
        "settings": cfg,
        "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join([os.path.relpath(sys.argv[0], stack.ROOT)] + sys.argv[1:]),
        "machine": procs.machine(),
        "note": ("Shared 2-core machine: absolute figures are noisy; read the ratios, and compare "
                 "runs only on the same machine."),
        "parts": {},
        "failures": {},
    }
    for name in args.parts.split(","):
        say(f"{name}: start")
        try:
            part = importlib.import_module("perfbench." + name)
            result["parts"][name] = part.run(cfg[name], log_dir, say)
        except Exception as e:  # one failing part must not lose the others' figures
            traceback.print_exc()
            result["failures"][name] = f"{type(e).__name__}: {e}"
        say(f"{name}: done")
    result["duration_s"] = round(time.time() - started)
    result["processes_started"] = procs.STARTED
    written = report.write(result, out, smoke=args.smoke)
    with open(written) as f:  # check what was written, as a reader of the file would see it
        problems = report.validate(json.load(f), required=args.parts.split(","))
    for p in problems:
        print("bench: " + p, file=sys.stderr)
    say(f"results in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
