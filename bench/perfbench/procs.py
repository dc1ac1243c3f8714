"""Processes the benchmarks start: free loopback ports, start/stop by pid, CPU and memory from /proc."""
import os
import signal
import socket
import subprocess
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cores():
    """The CPUs we may use; the server and the load generator get different ones when there are two."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) >= 2:
        return {"server": cpus[-1], "load": cpus[0], "pinned": True}
    return {"server": None, "load": None, "pinned": False}


def pin_prefix(core):
    return [] if core is None else ["taskset", "-c", str(core)]


def pin_all_threads(pid, core):
    """Moves every existing thread of pid to core; threads created later inherit it."""
    if core is not None:
        subprocess.run(["taskset", "-a", "-p", "-c", str(core), str(pid)], check=True,
                       stdout=subprocess.DEVNULL)


STARTED = []  # (name, command line) of every process started, for the results


class Proc:
    """One process we started, in its own session; stop() ends exactly its process group."""

    def __init__(self, name, cmd, log_dir, env=None):
        self.name = name
        self.log_path = os.path.join(log_dir, name + ".log")
        os.makedirs(log_dir, exist_ok=True)
        self.log = open(self.log_path, "wb")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.cmd = cmd
        self.popen = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, env=full_env, start_new_session=True)
        self.pid = self.popen.pid
        STARTED.append({"name": name, "command": " ".join(cmd)})

    def alive(self):
        return self.popen.poll() is None

    def pause(self):
        os.killpg(self.pid, signal.SIGSTOP)

    def resume(self):
        os.killpg(self.pid, signal.SIGCONT)

    def stop(self, timeout=15):
        if self.alive():
            try:
                os.killpg(self.pid, signal.SIGCONT)
                os.killpg(self.pid, signal.SIGTERM)
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)
                self.popen.wait(5)
            except ProcessLookupError:
                pass
        self.log.close()

    def log_tail(self, lines=20):
        with open(self.log_path, "rb") as f:
            return b"\n".join(f.read().splitlines()[-lines:]).decode("utf-8", "replace")


def wait_http(proc, url, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited before it was ready:\n{proc.log_tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if 200 <= r.status < 300:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{proc.name} not ready at {url} after {timeout}s; log {proc.log_path}")


def http_get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode("utf-8", "replace")


def cpu_seconds(pid, tid=None):
    """utime + stime of a process (or of one of its threads) from /proc, in seconds."""
    path = f"/proc/{pid}/stat" if tid is None else f"/proc/{pid}/task/{tid}/stat"
    with open(path) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of stat(5)


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def thread_ids(pid, name_prefix):
    """Thread ids of pid whose name (comm, at most 15 characters) starts with name_prefix."""
    found = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if f.read().strip().startswith(name_prefix):
                    found.append(tid)
        except OSError:
            pass
    return found


def machine():
    """What the numbers were measured on."""
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "cpu_model": model,
        "logical_cpus": os.cpu_count(),
        "usable_cpus": sorted(os.sched_getaffinity(0)),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": os.uname().release,
        "java": java[0] if java else "",
        "load_average_at_start": os.getloadavg(),
        "clocksource": _read("/sys/devices/system/clocksource/clocksource0/current_clocksource"),
    }


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return ""
