"""Medians and ratios; a ratio is None when either side is missing or zero."""
import re
import statistics


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return None if a is None or not b else a / b


def fmt(value, digits=3):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def duration_seconds(text):
    """'500ms', '5s', '2m' as seconds (the extension's duration grammar, enough of it)."""
    m = re.match(r"(\d+)(ms|s|m)$", text)
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[m.group(2)]
