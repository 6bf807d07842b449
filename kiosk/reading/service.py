"""The reading service: reader choice -> read -> inspect (verify, assess, verdict, identity).

One pipeline for the three callers that read a card: the kiosk app (through the session's
ReadCard work), `kiosk bench soak` (kiosk.soak) and `kiosk diag card` / `calibrate` / `trace`
(kiosk.diag.runner). `read_document` (kiosk/reading/pcsc.py) is the one place that opens a
PC/SC connection for a read and calls `icao.reader.read`; `inspect`
(kiosk/reading/inspection.py) the one place that judges what was read. Blocking: call from a worker, never from the UI thread.

    service = ReadingService(config, training=..., demo_reader=..., trust=core.trust_store)
    chip_read = service.read(key, qr=capture, progress=cb, cancelled=event)  -> ChipRead
    service.readers.name() / .problem() / .card_present() / .watch(on_present, on_removed)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from icao.keys import AccessKey
from icao.pki.store import TrustStore
from kiosk.config import Config
from kiosk.diag.profiles import reader_setup
from kiosk.identity import QrInput
from kiosk.problems import Problem
from kiosk.reading.failures import NoReader
from kiosk.reading.inspection import ChipRead, inspect
from kiosk.reading.pcsc import Progress, read_document
from kiosk.reading.readers import ReaderPolicy, Readers


class ReadingService:
    def __init__(self, config: Config, *, training: bool, trust: Callable[[], TrustStore],
                 demo_reader: str | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.config = config
        self.readers = Readers(ReaderPolicy(config.reader.name_pattern or "", training,
                                            demo_reader))
        self._trust = trust
        self._now = now

    def read(self, key: AccessKey, *, qr: QrInput | None = None,
             progress: Progress | None = None,
             cancelled: threading.Event | None = None) -> ChipRead:
        """Read the card in the kiosk's reader and inspect it. Raises NoReader, or what
        icao.reader.read raises (typed IcaoError / NfcError); kiosk.reading.classify maps
        both to the session's Problem."""
        reader = self.readers.name()
        if reader is None:
            raise self.readers.unusable() or NoReader(Problem.NO_READER)

        def report(stage: str, done: int, total: int) -> None:
            if progress is not None and not (cancelled is not None and cancelled.is_set()):
                progress(stage, done, total)

        setup = reader_setup(self.config, reader)  # the calibrated profile of this model
        document = read_document(reader, key, options=setup.read_options(),
                                 timeout=setup.apdu_timeout_s, progress=report)
        report("verify", 0, 0)
        return inspect(document, self._trust(), self._now(), qr=qr,
                       require_crl=self.config.trust.require_crl)
