"""A pass-through OTLP/HTTP proxy that records the size of every export, then forwards it unchanged."""
import http.server
import threading
import time
import urllib.error
import urllib.request


class OtlpProxy:
    def __init__(self, port, upstream):
        self.exports = []  # (time, path, bytes on the wire, content-encoding)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.exports.append((time.time(), self.path, len(body), self.headers.get("Content-Encoding", "")))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("content-type", "content-encoding")}
                request = urllib.request.Request(upstream + self.path, data=body, headers=headers, method="POST")
                try:
                    with urllib.request.urlopen(request, timeout=10) as r:
                        status, reply, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
                except urllib.error.HTTPError as e:
                    status, reply, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
                except OSError:
                    status, reply, ctype = 503, b"", "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def metric_exports(self, since, until):
        return [n for t, path, n, _ in self.exports if path.endswith("/v1/metrics") and since <= t <= until]

    def encodings(self):
        return sorted({enc or "identity" for _, _, _, enc in self.exports})

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
