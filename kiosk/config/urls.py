"""Back-office URLs: what `backoffice.url` and `backoffice.anchor_url` may be.

Personal data travels to the back office, so outside training mode only `https://` with a
host is accepted; `http://` only in training mode (where nothing is delivered anyway, so a
trainer can point at a local mock); `file:`, `ftp:`, and anything that is not a URL, never
(a `file:` URL used to kill the app's delivery thread).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def url_problem(url: str, *, training: bool, key: str = "backoffice.url") -> str | None:
    """None when `url` may be used; else a message naming `key` that says what to do."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a bad port
    except ValueError:
        return f"{key} is not a URL: give https://HOST[:PORT]/PATH"
    del port
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in url:
        return (f"{key} must be an https:// URL with a host (got scheme "
                f"{parts.scheme or 'none'!r}): give https://HOST[:PORT]/PATH")
    if parts.username or parts.password:
        return (f"{key} must not hold a user or password: use backoffice.token_file or a "
                "client certificate")
    if parts.scheme == "http" and not training:
        return (f"{key} must use https:// outside training mode: personal data would travel "
                "in clear")
    return None


def anchor_url(url: str, explicit: str = "") -> str:
    """Where audit anchors are POSTed: `explicit`, else `audit-anchors` beside `url`
    (https://bo/api/submissions -> https://bo/api/audit-anchors); "" without a URL."""
    if explicit:
        return explicit
    return urljoin(url, "audit-anchors") if url else ""
