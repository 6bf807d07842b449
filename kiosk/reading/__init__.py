"""The reading service: reader choice -> read -> verify -> assess -> verdict -> identity.

    ReadingService(config, training=, trust=, demo_reader=None).read(key, qr=, progress=,
        cancelled=) -> ChipRead                              (the app, through the session)
    read_document(reader, key, options=, timeout=, files=, hooks=, reset=, progress=)
        -> icao.document.Document                            (one PC/SC read; diag, soak)
    inspect(document, trust, at, require_crl=False, qr=None, with_identity=True) -> ChipRead
    ChipRead: document, views (icao.lds.decoder.ParsedFiles of the verified files),
        verification, verdict (icao.genuine.Verdict), identity, identity_problem,
        portrait_png, portrait
    VerdictStatus (icao.genuine): GENUINE / NOT_GENUINE / CLONED / NOT_PROVABLE
    classify(exc) -> ReadFailure(problem, detail, tries_left); NoReader(problem, detail)
    Readers(ReaderPolicy(pattern, training, demo_reader)).name() / problem() / unusable() /
        card_present() / watch(on_present, on_removed) / stop()
    ReaderPolicy.refused(readers) / virtual_evidence(reader): why a virtual reader is refused
    chip_proofs(document, judged, skipped=) -> (Proof, ...); verdict_line(verdict)
        (kiosk.reading.proofs: the `proofs` of `kiosk read` and `kiosk diag card`)

The names load on first use (PEP 562): `kiosk read --no-verify` imports kiosk.reading.pcsc
and .views without paying for passive authentication and the identity code (about 70 ms of
start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "NoReader": "failures", "ReadFailure": "failures", "classify": "failures",
    "ChipRead": "inspection", "inspect": "inspection",
    "read_document": "pcsc",
    "ReaderPolicy": "readers", "Readers": "readers",
    "ReadingService": "service",
    "display_png": "views", "unverified_views": "views",
    "Proof": "proofs", "chip_proofs": "proofs", "verdict_line": "proofs",
}

if TYPE_CHECKING:
    from icao.genuine import VerdictStatus
    from kiosk.reading.failures import NoReader, ReadFailure, classify
    from kiosk.reading.inspection import ChipRead, inspect
    from kiosk.reading.pcsc import read_document
    from kiosk.reading.proofs import Proof, chip_proofs, verdict_line
    from kiosk.reading.readers import ReaderPolicy, Readers
    from kiosk.reading.service import ReadingService
    from kiosk.reading.views import display_png, unverified_views


def __getattr__(name: str) -> Any:
    if name == "VerdictStatus":
        from icao.genuine import VerdictStatus

        return VerdictStatus
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "ChipRead", "NoReader", "Proof", "ReadFailure", "ReaderPolicy", "Readers", "ReadingService",
    "VerdictStatus", "chip_proofs", "classify", "display_png", "inspect", "read_document",
    "unverified_views", "verdict_line",
]
