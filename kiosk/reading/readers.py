"""Which reader the kiosk reads from, whether a card is in it, and card events.

The rule (docs/reference/RIG.md): a production kiosk never reads from a virtual (vpcd)
reader, since anyone who reaches its TCP port can "insert" a card; training mode allows it.
"Virtual" is decided by the driver that serves the reader, not by its name (nfc.readers:
`ReaderInfo.is_virtual`, the evidence in `ReaderInfo.driver.signals`; docs/security.md
"Virtual readers by driver, not by name"), so a vpcd reader renamed "ACS ACR1252 Dual Reader"
in pcscd's reader.conf is refused all the same. The demo reads only from the demo reader.
Otherwise the first reader whose name contains `reader.name_pattern` (case-insensitive;
empty: any).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.problems import Problem
from kiosk.reading.failures import NoReader
from nfc.errors import NfcError
from nfc.monitor import EventKind, ReaderEvent, ReaderMonitor
from nfc.readers import ReaderInfo, list_readers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReaderPolicy:
    pattern: str = ""  # reader.name_pattern
    training: bool = False
    demo_reader: str | None = None  # the demo reads from this reader only

    def choose(self, readers: list[ReaderInfo]) -> str | None:
        if self.demo_reader is not None:
            return self.demo_reader if any(r.name == self.demo_reader for r in readers) else None
        pattern = self.pattern.casefold()
        for r in readers:
            if pattern and pattern not in r.name.casefold():
                continue
            if r.is_virtual and not self.training:
                continue
            return r.name
        return None

    def problem(self, readers: list[ReaderInfo]) -> Problem | None:
        """Why no reader is usable (None when one is)."""
        if self.choose(readers) is not None:
            return None
        if any(r.is_virtual for r in readers) and not self.training:
            return Problem.VIRTUAL_READER
        return Problem.NO_READER

    def refused(self, readers: list[ReaderInfo]) -> tuple[str, ...]:
        """The readers refused for being virtual, each with its driver's evidence (for staff
        details and `diag health`; empty in training mode, where they are allowed)."""
        if self.training or self.demo_reader is not None:
            return ()
        return tuple(virtual_evidence(r) for r in readers if r.is_virtual)


def virtual_evidence(reader: ReaderInfo) -> str:
    """"NAME: served by the vpcd driver (SIGNAL; SIGNAL)": why `reader` counts as virtual."""
    signals = reader.driver.signals if reader.driver is not None else ()
    return (f"{reader.name}: served by the vpcd driver ("
            f"{'; '.join(signals) or 'its name is the packaged vpcd reader name'})")


def _readers() -> list[ReaderInfo] | None:
    try:
        return list_readers()
    except NfcError:  # pcscd down: reported as "no reader" where it matters
        return None


class Readers:
    """The kiosk's view of pcscd under one ReaderPolicy."""

    def __init__(self, policy: ReaderPolicy) -> None:
        self.policy = policy
        self._monitor: ReaderMonitor | None = None

    def name(self) -> str | None:
        readers = _readers()
        return None if readers is None else self.policy.choose(readers)

    def problem(self) -> Problem | None:
        readers = _readers()
        return Problem.NO_READER if readers is None else self.policy.problem(readers)

    def unusable(self) -> NoReader | None:
        """Why the kiosk cannot read now, as the error ReadingService raises (None: a reader
        is usable): the Problem, and the refused virtual readers' evidence."""
        readers = _readers()
        if readers is None:
            return NoReader(Problem.NO_READER, "pcscd is not reachable")
        problem = self.policy.problem(readers)
        if problem is None:
            return None
        return NoReader(problem, " | ".join(self.policy.refused(readers)))

    def card_present(self) -> bool:
        readers = _readers() or []
        name = self.policy.choose(readers)
        return any(r.name == name and r.card_present for r in readers)

    def watch(self, on_present: Callable[[str], None],
              on_removed: Callable[[str], None]) -> None:
        """Card events of the kiosk's reader, delivered from the monitor's thread."""

        def on_event(event: ReaderEvent) -> None:
            if event.reader != self.name() and event.kind is not EventKind.PCSC_LOST:
                return
            if event.kind is EventKind.CARD_INSERTED:
                on_present(event.reader)
            elif event.kind in (EventKind.CARD_REMOVED, EventKind.READER_REMOVED,
                                EventKind.PCSC_LOST):
                on_removed(event.reader or "")

        try:
            self._monitor = ReaderMonitor(on_event, initial=False)
            self._monitor.start()
        except NfcError:  # no pcscd: the place-card step reports it
            log.warning("card monitor unavailable")
            self._monitor = None

    def stop(self) -> None:
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor = None
