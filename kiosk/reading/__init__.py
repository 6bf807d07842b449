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
"""

from kiosk.reading.failures import NoReader, ReadFailure, classify
from kiosk.reading.inspect import ChipRead, inspect
from kiosk.reading.readers import ReaderPolicy, Readers
from kiosk.reading.service import ReadingService, read_document
from kiosk.reading.verdict import ChipVerdict, VerdictStatus, judge
from kiosk.reading.views import ChipViews, display_png, parse_views

__all__ = [
    "ChipRead", "ChipVerdict", "ChipViews", "NoReader", "ReadFailure", "ReaderPolicy",
    "Readers", "ReadingService", "VerdictStatus", "classify", "display_png", "inspect",
    "judge", "parse_views", "read_document",
]
