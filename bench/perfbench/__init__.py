"""Benchmark harness of Performance API: real processes on 127.0.0.1, results as Markdown + JSON."""
