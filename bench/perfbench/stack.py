"""Our Collector and the sample service, as the benchmarks run them (free ports, loopback only)."""
import os

from . import procs

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
AGENT = os.path.join(ROOT, "sample-service/target/agent/opentelemetry-javaagent.jar")
EXTENSION = os.path.join(ROOT, "extension/target/perfapi-extension.jar")
SERVICE = os.path.join(ROOT, "sample-service/target/sample-service.jar")
COLLECTOR = os.environ.get("PERFAPI_COLLECTOR_BIN", os.path.join(ROOT, "otel-collector/bin/otelcol-perfapi"))
COLLECTOR_CONFIG = os.path.join(ROOT, "collector-config/collector.yaml")
BENCH_CONFIGS = os.path.join(ROOT, "bench/collector")

# The same heap for every variant, so memory and GC differ only by what the variant adds.
JVM_BASE = ["-Xms256m", "-Xmx256m", "-XX:+UseSerialGC"]


def check_artifacts():
    missing = [p for p in (AGENT, EXTENSION, SERVICE, COLLECTOR) if not os.path.exists(p)]
    if missing:
        raise SystemExit("missing " + ", ".join(missing) + ": run `make build collector` first")


class Collector:
    """Our Collector build with its normal pipeline (OTLP in, Prometheus out, traces to debug)."""

    def __init__(self, name, log_dir, core=None, config=COLLECTOR_CONFIG, extra_env=None):
        self.prom_port = procs.free_port()
        self.otlp_http_port = procs.free_port()
        self.health_port = procs.free_port()
        env = {
            "PERFAPI_OTLP_GRPC_PORT": str(procs.free_port()),
            "PERFAPI_OTLP_HTTP_PORT": str(self.otlp_http_port),
            "PERFAPI_COLLECTOR_PROM_PORT": str(self.prom_port),
            "PERFAPI_COLLECTOR_HEALTH_PORT": str(self.health_port),
            "PERFAPI_COLLECTOR_TELEMETRY_PORT": str(procs.free_port()),
            "PERFAPI_TRACES_EXPORTER": "debug",
        }
        env.update(extra_env or {})
        self.proc = procs.Proc(name, procs.pin_prefix(core) + [COLLECTOR, "--config", config],
                               log_dir, env)
        procs.wait_http(self.proc, f"http://127.0.0.1:{self.health_port}/", 60)

    @property
    def otlp_endpoint(self):
        return f"http://127.0.0.1:{self.otlp_http_port}"

    def metrics_text(self):
        return procs.http_get(f"http://127.0.0.1:{self.prom_port}/metrics", timeout=30)

    def stop(self):
        self.proc.stop()


class Service:
    """The sample service; agent=False is the plain JVM, extension=False the vanilla agent."""

    def __init__(self, name, log_dir, agent, extension, otlp_endpoint=None, props=(),
                 jvm=(), core=None, service_name=None, java="java"):
        self.port = procs.free_port()
        self.rest_port = procs.free_port()
        cmd = procs.pin_prefix(core) + [java] + JVM_BASE + list(jvm)
        if agent:
            cmd += ["-javaagent:" + AGENT,
                    "-Dotel.service.name=" + (service_name or name),
                    "-Dotel.exporter.otlp.endpoint=" + otlp_endpoint,
                    "-Dotel.exporter.otlp.protocol=http/protobuf",
                    "-Dotel.metric.export.interval=10000",
                    "-Dotel.logs.exporter=none"]
        if extension:
            cmd += ["-Dotel.javaagent.extensions=" + EXTENSION,
                    "-Dotel.perfapi.rest.port=" + str(self.rest_port)]
        cmd += list(props)
        cmd += ["-jar", SERVICE, f"--server.port={self.port}", "--server.address=127.0.0.1"]
        self.proc = procs.Proc(name, cmd, log_dir)
        self.pid = self.proc.pid

    def wait_ready(self, timeout=240):
        procs.wait_http(self.proc, self.url("/healthz"), timeout)
        return self

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.proc.stop()
