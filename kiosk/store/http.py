"""POSTing a submission to the back office with the standard library.

Redirects are not followed (a 3xx is a failed attempt, retried): following one would resend
personal data to a host nobody configured. Response bodies are read and discarded, never
logged: a back office may echo the form.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Protocol


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """Return the HTTP status; raise OSError when no answer came."""
        ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


class HttpSender:
    def __init__(self, timeout_s: float = 10.0) -> None:
        self.timeout_s = timeout_s
        self._opener = urllib.request.build_opener(_NoRedirect())

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        req = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with self._opener.open(req, timeout=self.timeout_s) as resp:
                resp.read()
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            exc.read()
            exc.close()
            return int(exc.code)
