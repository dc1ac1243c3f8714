"""Unit tests of the benchmark driver's parsers and result checks (outputs captured from the real tools)."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from perfbench import loadgen, prom, report, stats  # noqa: E402


def fixture(name):
    with open(os.path.join(HERE, "fixtures", name)) as f:
        return f.read()


class LoadgenTest(unittest.TestCase):
    def test_wrk(self):
        r = loadgen.parse_wrk(fixture("wrk.txt"))
        self.assertEqual(r["requests"], 742)
        self.assertAlmostEqual(r["rps"], 726.97)
        self.assertAlmostEqual(r["p50_ms"], 1.98)
        self.assertAlmostEqual(r["p99_ms"], 26.76)
        self.assertEqual(r["errors"], 0)

    def test_wrk_failure_is_an_error_not_a_zero(self):
        with self.assertRaises(RuntimeError):
            loadgen.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")

    def test_hey(self):
        r = loadgen.parse_hey(fixture("hey.txt"))
        self.assertGreater(r["requests"], 0)
        self.assertLessEqual(r["p50_ms"], r["p99_ms"])

    def test_hey_small_sample_uses_the_slowest_request_for_p99(self):
        r = loadgen.parse_hey(fixture("hey-few.txt"))
        self.assertEqual(r["requests"], 4)
        self.assertAlmostEqual(r["p50_ms"], 3.0)
        self.assertAlmostEqual(r["p99_ms"], 3.0)

    def test_wrk_units(self):
        self.assertAlmostEqual(loadgen._ms("850.00us"), 0.85)
        self.assertAlmostEqual(loadgen._ms("1.50s"), 1500)


class PromTest(unittest.TestCase):
    def test_parse_with_exemplars_and_escapes(self):
        text = "\n".join([
            "# TYPE method_cpu_time_seconds_total counter",
            'method_cpu_time_seconds_total{span_name="GET /work/cpu",code_function_name="a.B.c",'
            'service_name="s"} 1.5 # {trace_id="0af7",span_id="b7ad"} 0.01 1700000000.0',
            'method_cpu_time_seconds_total{span_name="say \\"hi\\"",service_name="s"} 2',
            "up 1",
        ])
        series = prom.parse(text)
        self.assertEqual(len(series), 3)
        self.assertEqual(prom.total(series, "method_cpu_time_seconds_total", service_name="s"), 3.5)
        self.assertEqual(prom.select(series, "method_cpu_time_seconds_total", span_name='say "hi"')[0][1], 2)


class ReportTest(unittest.TestCase):
    def test_missing_headline_of_a_part_that_ran_is_a_problem(self):
        result = {"failures": {}, "parts": {"accuracy": {"worst_error_pp_at_default": None,
                                                         "worst_misattributed_share_at_default": 0.0}}}
        problems = report.validate(result, required=["accuracy"])
        self.assertTrue(any("accuracy_error_pp" in p for p in problems))

    def test_failed_part_is_a_problem(self):
        problems = report.validate({"failures": {"scale": "boom"}, "parts": {}}, required=["scale"])
        self.assertEqual(problems, ["part scale failed: boom"])

    def test_ratio_of_missing_or_zero_is_none(self):
        self.assertIsNone(stats.ratio(1.0, 0))
        self.assertIsNone(stats.ratio(None, 2.0))
        self.assertEqual(stats.ratio(1.0, 2.0), 0.5)


if __name__ == "__main__":
    unittest.main()
