"""POSTing to the back office over HTTPS: one deadline per attempt, a complete answer, or none.

- TLS 1.2 or later, certificates checked against the system store or `ca_file`, host name
  checked. The back office knows the kiosk by a client certificate (`client_cert_file` +
  `client_key_file`) or a bearer token read from `token_file` (0600), or both.
- One deadline per attempt, covering connect, TLS handshake, sending and the whole answer: a
  watchdog shuts the socket when it passes, so a back office that trickles its answer one
  byte per second cannot hold the worker (a socket timeout alone restarts at every read).
- An attempt counts only when the answer is complete (its full Content-Length or final chunk,
  at most 64 KiB) and its JSON body echoes the request's idempotency key: a truncated 200, or
  a proxy's error page with status 200, is a failed attempt, retried with the same key.
- Redirects are not followed (a 3xx is a failed attempt): following one would resend personal
  data to a host nobody configured. Response bodies are never logged: one may echo the form.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from kiosk.store.errors import DeliveryConfigError

MAX_ANSWER = 64 * 1024


@dataclass(frozen=True)
class Reply:
    """`status` None: no complete answer. `error`: short text for last_error (never a body)."""

    status: int | None
    echoed: bool = False
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.echoed


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str], *, key: str) -> Reply:
        """Send once within the attempt's deadline; never raise for network trouble."""
        ...


@dataclass(frozen=True)
class TlsSettings:
    """How the kiosk proves itself to the back office ([backoffice] in the settings)."""

    ca_file: str = ""
    client_cert_file: str = ""
    client_key_file: str = ""
    token_file: str = ""

    @property
    def authenticates(self) -> bool:
        return bool(self.client_cert_file or self.token_file)

    @classmethod
    def from_config(cls, bo: object) -> TlsSettings:
        return cls(*(str(getattr(bo, k, "") or "") for k in (
            "ca_file", "client_cert_file", "client_key_file", "token_file")))


def read_token(path: str) -> str:
    p = Path(path)
    try:
        if p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise DeliveryConfigError(f"the token file {p} can be read by other users; run "
                                      f"`chmod 600 {p}` (and ask the back office for a new "
                                      "token)")
        token = p.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise DeliveryConfigError(f"cannot read backoffice.token_file {p} "
                                  f"({getattr(exc, 'strerror', None) or 'not ASCII'})") from None
    if not token or any(c.isspace() for c in token):
        raise DeliveryConfigError(f"backoffice.token_file {p} must hold one token on one line")
    return token


def tls_context(tls: TlsSettings) -> ssl.SSLContext:
    try:
        ctx = ssl.create_default_context(cafile=tls.ca_file or None)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if tls.client_cert_file:
            ctx.load_cert_chain(tls.client_cert_file, tls.client_key_file or None)
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryConfigError(f"the back-office TLS files cannot be used ({exc}); check "
                                  "backoffice.ca_file, client_cert_file and client_key_file"
                                  ) from None
    return ctx


class HttpsSender:
    def __init__(self, deadline_s: float = 10.0, tls: TlsSettings | None = None, *,
                 allow_http: bool = False) -> None:
        self.deadline_s = deadline_s
        self.tls = tls or TlsSettings()
        self.allow_http = allow_http
        self._ctx = tls_context(self.tls)
        if self.tls.token_file:
            read_token(self.tls.token_file)  # refuse a bad token file now, not per attempt

    def post(self, url: str, body: bytes, headers: dict[str, str], *, key: str) -> Reply:
        parts = urlsplit(url)
        if parts.scheme != "https" and not (self.allow_http and parts.scheme == "http"):
            return Reply(None, False, "refused: not an https:// URL")
        headers = dict(headers)
        if self.tls.token_file:
            try:
                headers["Authorization"] = "Bearer " + read_token(self.tls.token_file)
            except DeliveryConfigError:
                return Reply(None, False, "token file unreadable")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = _Connection(parts.hostname or "", parts.port or (
            443 if parts.scheme == "https" else 80), self.deadline_s,
            self._ctx if parts.scheme == "https" else None)
        expired = threading.Event()

        def abort() -> None:  # the deadline: end whatever the socket is doing
            expired.set()
            conn.abort()

        timer = threading.Timer(self.deadline_s, abort)
        timer.daemon = True
        started = time.monotonic()
        timer.start()
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            status = resp.status
            if resp.length is None and not resp.chunked:
                return Reply(None, False, f"HTTP {status} without Content-Length")
            if resp.length is not None and resp.length > MAX_ANSWER:
                return Reply(None, False, f"HTTP {status} answer too large")
            data = _read_whole(resp)
            if data is None:
                return Reply(None, False, f"HTTP {status} answer too large")
        except ssl.SSLError as exc:
            return Reply(None, False, f"TLS: {exc.reason or type(exc).__name__}"[:200])
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if expired.is_set():
                return Reply(None, False, f"deadline of {self.deadline_s:g} s passed")
            return Reply(None, False, type(exc).__name__)
        finally:
            timer.cancel()
            conn.close()
        if expired.is_set() or time.monotonic() - started > self.deadline_s:
            return Reply(None, False, f"deadline of {self.deadline_s:g} s passed")
        if not 200 <= status < 300:
            return Reply(status, False, f"HTTP {status}")
        try:
            doc = json.loads(data)
        except ValueError:
            doc = None
        if not isinstance(doc, dict) or doc.get("idempotency_key") != key:
            return Reply(status, False, f"HTTP {status} without the idempotency key echoed")
        return Reply(status, True, None)


class _Connection(http.client.HTTPConnection):
    """An HTTP(S) connection whose raw socket the deadline can shut at any moment: during
    the TCP connect, the TLS handshake, or a response the connection object has already
    handed over (http.client drops its own reference once the answer says it will close)."""

    def __init__(self, host: str, port: int, timeout: float,
                 context: ssl.SSLContext | None) -> None:
        super().__init__(host, port, timeout=timeout)
        self._tls = context
        self._raw: socket.socket | None = None
        self._aborted = False

    def connect(self) -> None:
        raw = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        self._raw = raw
        if self._aborted:
            raise TimeoutError("deadline passed")
        raw.settimeout(self.timeout)
        raw.connect((self.host, self.port))
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._tls is not None:  # wrap_socket detaches `raw`: keep the wrapper instead,
            # before the handshake, so the deadline can cut a handshake that trickles too
            tls = self._tls.wrap_socket(raw, server_hostname=self.host,
                                        do_handshake_on_connect=False)
            self._raw = tls
            if self._aborted:
                raise TimeoutError("deadline passed")
            tls.do_handshake()
        self.sock = self._raw

    def abort(self) -> None:
        self._aborted = True
        if self._raw is not None:
            try:  # the plain socket call, not TLS close_notify: it must not block
                socket.socket.shutdown(self._raw, socket.SHUT_RDWR)
            except OSError:
                pass


def _read_whole(resp: http.client.HTTPResponse) -> bytes | None:
    """The complete body, or IncompleteRead when the answer stops short (read(amt) alone
    would return the short body without complaint); None when it exceeds MAX_ANSWER."""
    if resp.length is not None:
        return resp.read()  # length already checked against MAX_ANSWER
    data = b""
    while chunk := resp.read(4096):  # chunked: a missing last chunk raises IncompleteRead
        data += chunk
        if len(data) > MAX_ANSWER:
            return None
    return data


def file_mode_ok(path: str) -> bool:
    """A key or token file only its owner may read."""
    try:
        return not os.stat(path).st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    except OSError:
        return False
