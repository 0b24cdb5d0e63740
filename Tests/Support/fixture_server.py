#!/usr/bin/env python3
"""A real HTTP server on 127.0.0.1 for Glare's tests: serves recorded payloads and injects faults.

Usage: fixture_server.py ROUTES.json   (prints "PORT <n>" once listening; serves until killed)

ROUTES.json maps a path (query string included, or a path prefix ending in '*') to a list of
responses served in turn (the last one repeats):
  {"status": 200, "body": "text"} | {"status": 200, "file": "payload.json"} | {"status": 429, "headers": {"Retry-After": "1"}}
  {"fault": "reset"}      headers and half a body, then the connection is cut
  {"fault": "hang"}       headers and a few bytes, then nothing (a body that never ends)
  {"fault": "gzip-bomb"}  a small gzip body that inflates to 200 MB
  any step may add "delay": seconds to wait before answering
Every request is appended to the log file named by the "log" key, one JSON line each, with its arrival time
and the client's port (one per connection: requests over a kept-alive connection share it).
"""
import gzip
import http.server
import io
import json
import os
import socketserver
import sys
import threading
import time

ROUTES = json.load(open(sys.argv[1]))
BASE = os.path.dirname(os.path.abspath(sys.argv[1]))
COUNTS = {}
LOCK = threading.Lock()


BOMB = []


def bomb():
    if BOMB:
        return BOMB[0]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=1) as g:
        chunk = b"\0" * (1 << 20)
        for _ in range(200):
            g.write(chunk)
    BOMB.append(buf.getvalue())
    return BOMB[0]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        key = path if path in ROUTES else next((k for k in ROUTES if k.endswith("*") and path.startswith(k[:-1])), None)
        if "log" in ROUTES:
            with LOCK, open(os.path.join(BASE, ROUTES["log"]), "a") as f:
                f.write(json.dumps({"path": path, "headers": dict(self.headers), "time": time.time(), "peer": self.client_address[1]}) + "\n")
        if key is None or key == "log":
            return self.reply(404, b'{"detail":"not found"}', {"Content-Type": "application/json"})
        with LOCK:
            n = COUNTS.get(key, 0)
            COUNTS[key] = n + 1
        steps = ROUTES[key]
        step = steps[min(n, len(steps) - 1)]
        if step.get("delay"):
            time.sleep(step["delay"])
        fault = step.get("fault")
        if fault == "reset":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"x" * 1000)
            self.wfile.flush()
            self.connection.shutdown(2)
            self.connection.close()
            return
        if fault == "hang":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"x" * 10)
            self.wfile.flush()
            time.sleep(30)
            return
        if fault == "gzip-bomb":
            return self.reply(200, bomb(), {"Content-Encoding": "gzip", "Content-Type": "application/json"})
        body = step.get("body", "").encode() if "file" not in step else open(os.path.join(BASE, step["file"]), "rb").read()
        self.reply(step.get("status", 200), body, step.get("headers", {}))

    def reply(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
print("PORT", server.server_address[1], flush=True)
server.serve_forever()
