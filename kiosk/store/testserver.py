"""A local back-office HTTP server that deduplicates by Idempotency-Key, as the real one must.

Used by the outbox benchmark and the tests: it records every request and counts *effects*
(first request per key) separately, so "no duplicate effect" is measurable. Not for
production: it keeps everything in memory.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    requests: list[tuple[str, str]] = field(default_factory=list)  # (key, reference)
    effects: dict[str, dict] = field(default_factory=dict)  # key -> first document


class BackOfficeServer:
    """`with BackOfficeServer() as bo: bo.url ...`; `respond` picks the status per request
    (default 201 for a new key, 200 for a repeat)."""

    def __init__(self, respond: Callable[[int], int] | None = None) -> None:
        self.received = Received()
        self.respond = respond
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                key = self.headers.get("Idempotency-Key", "")
                with server._lock:
                    n = len(server.received.requests)
                    status = server.respond(n) if server.respond else None
                    doc = json.loads(body)
                    server.received.requests.append((key, doc.get("reference", "")))
                    if status is None or 200 <= status < 300:
                        repeat = key in server.received.effects
                        server.received.effects.setdefault(key, doc)
                        status = status or (200 if repeat else 201)
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/submissions"

    def __enter__(self) -> BackOfficeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)
