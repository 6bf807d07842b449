"""A local back office over HTTPS that deduplicates by Idempotency-Key, as the real one must.

Used by the outbox benchmark and the tests: it records every request and counts *effects*
(first request per key) separately, so "no duplicate effect" is measurable; it checks the
kiosk's client certificate and/or bearer token when asked to, answers with the idempotency
key echoed, and can misbehave on purpose (slow, truncated, trickled, no echo, any status).
Audit anchors POSTed to `.../audit-anchors` are kept in `received.anchors`. Not for
production: everything is in memory.

    with BackOfficeServer.tls(tmp_path, token="t0k3n") as bo:
        bo.url, bo.pki.ca_file, bo.token_file ...
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kiosk.store.http import TlsSettings
from kiosk.store.testca import TestPki, make_test_pki


@dataclass(frozen=True)
class Answer:
    """How to answer one request (`respond` may return an int status instead)."""

    status: int | None = None  # None: 201 for a new key, 200 for a repeat
    delay_s: float = 0.0  # wait before answering (a slow back office)
    truncate: bool = False  # promise more bytes than are sent, then close
    trickle_s: float = 0.0  # send the body one byte per `trickle_s` seconds
    echo: bool = True  # echo the idempotency key in the body


@dataclass
class Received:
    requests: list[tuple[str, str]] = field(default_factory=list)  # (key, reference)
    effects: dict[str, dict] = field(default_factory=dict)  # key -> first document
    auth: list[tuple[str | None, str | None]] = field(default_factory=list)  # (token, cert CN)
    anchors: list[dict] = field(default_factory=list)
    refused: int = 0  # requests without the credentials the server requires


class BackOfficeServer:
    """`respond(n)` picks the answer to the n-th submission request (0-based)."""

    def __init__(self, respond: Callable[[int], int | Answer | None] | None = None, *,
                 pki: TestPki | None = None, token: str | None = None,
                 require_client_cert: bool = False, folder: Path | None = None) -> None:
        self.received = Received()
        self.respond = respond
        self.pki = pki
        self.token = token
        self.token_file: Path | None = None
        if token is not None and folder is not None:
            self.token_file = Path(folder) / "backoffice.token"
            self.token_file.write_text(token + "\n", encoding="ascii")
            self.token_file.chmod(0o600)
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        if pki is not None:
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(pki.server_cert, pki.server_key)
            ctx.load_verify_locations(pki.ca_file)
            ctx.verify_mode = ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_OPTIONAL
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @classmethod
    def tls(cls, folder: Path, respond: Callable[[int], int | Answer | None] | None = None, *,
            token: str | None = "test-token", require_client_cert: bool = False,
            client_cn: str = "local") -> BackOfficeServer:
        pki = make_test_pki(Path(folder) / "pki", client_cn=client_cn)
        return cls(respond, pki=pki, token=token, require_client_cert=require_client_cert,
                   folder=Path(folder))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                key = self.headers.get("Idempotency-Key", "")
                cert = self.connection.getpeercert() if server.pki else None
                cn = None
                if cert:
                    cn = dict(x[0] for x in cert.get("subject", ()))["commonName"]
                auth = self.headers.get("Authorization", "")
                token = auth[7:] if auth.startswith("Bearer ") else None
                if server.token is not None and token != server.token and cn is None:
                    with server._lock:
                        server.received.refused += 1
                    return self._send(Answer(status=401), key)
                doc = json.loads(body)
                if self.path.endswith("/audit-anchors"):
                    with server._lock:
                        server.received.anchors.append(doc)
                    return self._send(Answer(status=201), key)
                with server._lock:
                    n = len(server.received.requests)
                    answer = server.respond(n) if server.respond else None
                    if not isinstance(answer, Answer):
                        answer = Answer(status=answer)
                    server.received.requests.append((key, doc.get("reference", "")))
                    server.received.auth.append((token, cn))
                    status = answer.status
                    if status is None or 200 <= status < 300:
                        repeat = key in server.received.effects
                        server.received.effects.setdefault(key, doc)
                        status = status or (200 if repeat else 201)
                self._send(Answer(status, answer.delay_s, answer.truncate, answer.trickle_s,
                                  answer.echo), key)

            def _send(self, answer: Answer, key: str) -> None:
                if answer.delay_s:
                    time.sleep(answer.delay_s)
                status = answer.status or 201
                payload = json.dumps({"idempotency_key": key} if answer.echo else {}).encode()
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "https://127.0.0.1:9/elsewhere")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length",
                                 str(len(payload) + (100 if answer.truncate else 0)))
                self.end_headers()
                if answer.trickle_s:
                    for i in range(len(payload)):
                        self.wfile.write(payload[i:i + 1])
                        self.wfile.flush()
                        time.sleep(answer.trickle_s)
                else:
                    self.wfile.write(payload)
                if answer.truncate:
                    self.close_connection = True

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        return Handler

    @property
    def tls_settings(self) -> TlsSettings:
        """What a kiosk needs to reach this server: its CA, and the token (if any)."""
        return TlsSettings(ca_file=str(self.pki.ca_file) if self.pki else "",
                           token_file=str(self.token_file) if self.token_file else "")

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        scheme = "https" if self.pki else "http"
        return f"{scheme}://{host!s}:{port}/submissions"

    def __enter__(self) -> BackOfficeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)
