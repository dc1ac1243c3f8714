"""Reads the Prometheus text / OpenMetrics exposition of a Collector into (name, labels, value)."""
import re

_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*?)\})?\s+(\S+)')
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text):
    series = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        line = line.split(" # ", 1)[0]  # drop an exemplar
        m = _LINE.match(line)
        if not m:
            continue
        labels = {k: v.replace('\\"', '"').replace("\\\\", "\\") for k, v in _LABEL.findall(m.group(3) or "")}
        try:
            value = float(m.group(4))
        except ValueError:
            continue
        series.append((m.group(1), labels, value))
    return series


def select(series, name, **labels):
    return [(l, v) for n, l, v in series if n == name and all(l.get(k) == v2 for k, v2 in labels.items())]


def total(series, name, **labels):
    return sum(v for _, v in select(series, name, **labels))
