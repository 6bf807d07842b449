"""`diag trace`: an APDU trace of one read, safe to attach to a support ticket.

The trace comes from nfc's trace hook with redaction on (nfc/trace.py): each record keeps the
command header (CLA INS P1 P2), the Lc/Le lengths, the extended flag, the response length, the
status word and the time, never a data field. Command data carries the PACE/BAC exchange and
response data the data groups (name, ID number, portrait), so bodies are never written, even
encrypted: a ticket outlives the session keys' secrecy assumptions.

As a second line of defence, the finished document is searched for the access key that was
typed (the CAN is six digits of the ID number; the MRZ key holds the document number and
dates); a hit is replaced by asterisks and counted in `redactions`. With the fields above it
cannot happen; the check is what lets a technician trust the file without reading it.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.diag.runner import ReadRun, instrumented_read

TRACE_KIND = "diag.trace"
TRACE_VERSION = 1


@dataclass(frozen=True)
class TraceReport:
    """What was written: where, how many records, and the outcome of the read."""

    path: str
    reader: str
    ok: bool
    records: int
    seconds: float
    error: str | None
    redactions: int


def record_dict(r: Any) -> dict[str, Any]:
    """One TraceRecord as JSON, header and lengths only (data fields are never included)."""
    return {
        "seq": r.seq, "kind": r.kind,
        "header": f"{r.cla:02X} {r.ins:02X} {r.p1:02X} {r.p2:02X}",
        "lc": r.lc, "le": r.le, "extended": r.extended,
        "response_length": r.response_length,
        "sw": None if r.sw is None else f"{r.sw:04X}",
        "ms": round(r.duration_ms, 3), "error": r.error,
    }


def trace_document(run: ReadRun, reader: str, atr: str, settings: str) -> dict[str, Any]:
    doc = run.document
    return {
        "kind": TRACE_KIND, "version": TRACE_VERSION,
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "host": platform.node() or "unknown", "reader": reader, "atr": atr,
        "settings": settings, "ok": run.ok, "error": run.error,
        "seconds": round(run.seconds, 4), "apdus": run.apdus,
        "reconnects": run.reconnects, "read_size": run.read_size,
        "access": None if doc is None else {
            "protocol": doc.access.protocol, "mapping": doc.access.mapping,
            "cipher": doc.access.cipher, "curve": doc.access.curve,
            "password": doc.access.password},
        "steps": [] if doc is None else [
            {"name": s.name, "ms": round(s.seconds * 1000, 3), "apdus": s.apdus,
             "link_bytes": s.link_bytes} for s in doc.steps],
        "file_sizes": {} if doc is None else doc.sizes(),
        "warnings": [] if doc is None else list(doc.warnings),
        "records": [record_dict(r) for r in run.records],
    }


def secrets_of(key: Any) -> list[str]:
    """The typed values a trace must never contain (CAN, or the MRZ key's fields)."""
    out: list[str] = []
    # icao.keys.AccessKey keeps them in private fields so that they never reach a repr.
    for attr in ("_can", "_document_number", "_birth", "_expiry"):
        value = getattr(key, attr, None)
        if isinstance(value, str) and len(value.strip("<")) >= 4:
            out.append(value)
    return out


def scrub(text: str, secrets: list[str]) -> tuple[str, int]:
    count = 0
    for s in secrets:
        for form in {s, s.upper(), s.lower()}:
            n = text.count(form)
            if n:
                count += n
                text = text.replace(form, "*" * len(form))
    return text, count


def write_trace(out: str | os.PathLike[str], reader: str | None, key: Any, *,
                setup: Any = None) -> TraceReport:
    """Read the card once with the reader's settings and write the redacted trace to `out`."""
    from kiosk.diag.profiles import default_setup
    from nfc.transport import PcscTransport

    with PcscTransport(reader, timeout=5.0) as t:
        name = t.reader
        atr = t.atr.hex(" ").upper()
    setup = setup or default_setup(name)
    run = instrumented_read(name, key, options=setup.read_options(),
                            timeout=setup.apdu_timeout_s)
    text = json.dumps(trace_document(run, name, atr, setup.describe()), ensure_ascii=False,
                      indent=1)
    text, redactions = scrub(text, secrets_of(key))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
    return TraceReport(str(path), name, run.ok, len(run.records), round(run.seconds, 4),
                       run.error, redactions)


def render_text(report: TraceReport) -> str:
    outcome = "read ok" if report.ok else f"read failed: {report.error}"
    extra = f"; {report.redactions} typed values redacted" if report.redactions else ""
    return (f"Trace of {report.records} APDUs from {report.reader} written to {report.path} "
            f"({outcome}, {report.seconds:.3f} s{extra}). It holds headers, lengths, status "
            "words and timings only: attach it to the support ticket.\n")
