"""The reading service: reader choice -> read -> verify -> assess -> verdict -> identity.

    ReadingService(config, training=, trust=, demo_reader=None).read(key, qr=, progress=,
        cancelled=) -> ChipRead                              (the app, through the session)
    read_document(reader, key, options=, timeout=, files=, hooks=, reset=, progress=)
        -> icao.document.Document                            (one PC/SC read; diag, soak)
    inspect(document, trust, at, qr=None, with_identity=True) -> ChipRead
    ChipRead: document, views (ChipViews: com, dg1, dg2, dg13, errors), verification,
        genuineness, verdict (ChipVerdict), identity, identity_problem, portrait_png, portrait
    ChipVerdict(status: VerdictStatus, reason, method, files).final / .acceptable(...)
    classify(exc) -> ReadFailure(problem, detail, tries_left); NoReader(problem)
    Readers(ReaderPolicy(pattern, training, demo_reader)).name() / problem() /
        card_present() / watch(on_present, on_removed) / stop()

The names load on first use (PEP 562): `kiosk read` imports kiosk.reading.pcsc and .views
without paying for passive authentication and the identity code (about 70 ms of start-up).
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
    "ChipVerdict": "verdict", "VerdictStatus": "verdict", "judge": "verdict",
    "ChipViews": "views", "display_png": "views", "parse_views": "views",
}

if TYPE_CHECKING:
    from kiosk.reading.failures import NoReader, ReadFailure, classify
    from kiosk.reading.inspection import ChipRead, inspect
    from kiosk.reading.pcsc import read_document
    from kiosk.reading.readers import ReaderPolicy, Readers
    from kiosk.reading.service import ReadingService
    from kiosk.reading.verdict import ChipVerdict, VerdictStatus, judge
    from kiosk.reading.views import ChipViews, display_png, parse_views


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "ChipRead", "ChipVerdict", "ChipViews", "NoReader", "ReadFailure", "ReaderPolicy",
    "Readers", "ReadingService", "VerdictStatus", "classify", "display_png", "inspect",
    "judge", "parse_views", "read_document",
]
