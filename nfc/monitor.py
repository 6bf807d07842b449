"""Reader and card events (card inserted/removed, reader added/removed) for every reader.

Built on pyscard's raw SCardGetStatusChange binding, with pcsc-lite's "\\\\?PnP?\\Notification"
pseudo-reader for reader hot-plug, rather than pyscard's CardMonitor/ReaderMonitor classes:
those are process-wide singletons whose thread cannot be stopped (a 60 s CardRequest loop) and
which print tracebacks to stderr. Here each monitor owns its context, and `stop()` wakes the
blocking call with SCardCancel, so it returns at once.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from smartcard import scard

from nfc import _pcsc
from nfc.errors import NfcError, PcscUnavailable
from nfc.readers import is_virtual_reader

log = logging.getLogger(__name__)

#: pcsc-lite's pseudo-reader whose state changes when a reader is plugged or unplugged.
PNP_READER = "\\\\?PnP?\\Notification"
#: Upper bound of one blocking wait, so a lost SCardCancel can delay stop() at most this long.
_WAIT_MS = 1000
#: Delay between attempts to reach pcscd after it went away.
_RETRY_S = 1.0


class EventKind(enum.Enum):
    CARD_INSERTED = "card-inserted"
    CARD_REMOVED = "card-removed"
    READER_ADDED = "reader-added"
    READER_REMOVED = "reader-removed"
    #: pcscd is not running (at start) or stopped: treat every card as gone. The monitor
    #: keeps trying; when pcscd is back, readers and cards are reported afresh.
    PCSC_LOST = "pcsc-lost"


@dataclass(frozen=True)
class ReaderEvent:
    kind: EventKind
    reader: str  # "" for PCSC_LOST
    atr: bytes | None = field(default=None)  # with CARD_INSERTED

    @property
    def is_virtual(self) -> bool:
        return is_virtual_reader(self.reader)


Callback = Callable[[ReaderEvent], None]


class ReaderMonitor:
    """Calls `callback(event)` from a background thread for every reader/card change.

    With `initial=True` the state at start is reported too (reader-added for each reader,
    card-inserted for each card already present), so a UI can build its view from events
    alone. The callback must be quick and must not block; hand work to your own thread/queue.
    """

    def __init__(self, callback: Callback, *, initial: bool = True) -> None:
        self.callback = callback
        self.initial = initial
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ctx: int | None = None
        self._ctx_lock = threading.Lock()
        self._started = threading.Event()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 5.0) -> None:
        """Start the thread; returns once the initial state has been read (or timeout)."""
        if self.running:
            return
        self._stop.clear()
        self._started.clear()
        self._thread = threading.Thread(target=self._run, name="nfc-monitor", daemon=True)
        self._thread.start()
        self._started.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop and join the thread (not from inside the callback: that would wait on itself)."""
        self._stop.set()
        t = self._thread
        if t is None or t is threading.current_thread():
            return
        # SCardCancel only wakes a wait in progress; the thread may be between two waits,
        # so cancel again until it has left.
        deadline = time.monotonic() + timeout
        while t.is_alive() and time.monotonic() < deadline:
            with self._ctx_lock:
                if self._ctx is not None:
                    scard.SCardCancel(self._ctx)
            t.join(0.02)
        self._thread = None

    def __enter__(self) -> ReaderMonitor:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- the thread -------------------------------------------------------------------------

    def _emit(self, kind: EventKind, reader: str, atr: bytes | None = None) -> None:
        try:
            self.callback(ReaderEvent(kind, reader, atr))
        except Exception as exc:
            log.error("reader event callback raised %s", type(exc).__name__)

    def _run(self) -> None:
        first = True
        lost = False
        while not self._stop.is_set():
            try:
                ctx = _pcsc.establish_context()
            except PcscUnavailable:
                if not lost:
                    self._emit(EventKind.PCSC_LOST, "")
                    lost = True
                self._started.set()
                self._stop.wait(_RETRY_S)
                continue
            lost = False
            with self._ctx_lock:
                self._ctx = ctx
            try:
                # After pcscd came back every reader and card is news: report it all.
                self._watch(ctx, report_initial=self.initial or not first)
            except PcscUnavailable:
                self._emit(EventKind.PCSC_LOST, "")
                lost = True
            except NfcError as exc:
                log.error("reader monitor: %s", type(exc).__name__)
                self._stop.wait(_RETRY_S)
            finally:
                first = False
                with self._ctx_lock:
                    self._ctx = None
                _pcsc.release_context(ctx)
                self._started.set()

    def _watch(self, ctx: int, report_initial: bool) -> None:
        # reader -> last event state; a card is "present" when PRESENT and not MUTE.
        known: dict[str, int] = {}
        present: dict[str, bool] = {}
        pnp_state = scard.SCARD_STATE_UNAWARE
        initial = True
        while not self._stop.is_set():
            names = _pcsc.list_reader_names(ctx)
            for gone in [r for r in known if r not in names]:
                if present.pop(gone, False):
                    self._emit(EventKind.CARD_REMOVED, gone)
                known.pop(gone)
                self._emit(EventKind.READER_REMOVED, gone)
            for new in names:
                if new not in known:
                    known[new] = scard.SCARD_STATE_UNAWARE
                    present[new] = False
                    if report_initial or not initial:
                        self._emit(EventKind.READER_ADDED, new)
            states = [(r, known[r]) for r in names] + [(PNP_READER, pnp_state)]
            timeout = 0 if initial else _WAIT_MS
            if self._stop.is_set():
                return
            hresult, new_states = scard.SCardGetStatusChange(ctx, timeout, states)
            rc = _pcsc.code(hresult)
            if rc in (_pcsc.E_TIMEOUT, _pcsc.E_CANCELLED):
                continue
            if rc == _pcsc.E_UNKNOWN_READER:
                continue  # a reader vanished between list and wait: list again
            if rc != _pcsc.S_SUCCESS:
                raise _pcsc.error_for(hresult, "watch the readers")
            for name, event, atr in new_states:
                if name == PNP_READER:
                    # Hot-plug: the reader list is re-read at the top of every round.
                    pnp_state = event & ~scard.SCARD_STATE_CHANGED
                    continue
                if event & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE):
                    continue  # unplugged: reported as reader-removed on the next round
                known[name] = event & ~scard.SCARD_STATE_CHANGED
                now = bool(event & scard.SCARD_STATE_PRESENT) and not event & scard.SCARD_STATE_MUTE
                if now != present.get(name, False):
                    present[name] = now
                    if not (initial and not report_initial):
                        if now:
                            self._emit(EventKind.CARD_INSERTED, name, bytes(atr))
                        else:
                            self._emit(EventKind.CARD_REMOVED, name)
            if initial:
                initial = False
                self._started.set()


class CardEvents:
    """Card inserted/removed as two plain callbacks of the reader name (the kiosk core's view).

    A thin adapter over ReaderMonitor: a card already present at start() counts as inserted,
    and pcscd going away counts as removal from every reader that held a card.
    """

    def __init__(self, on_inserted: Callable[[str], None], on_removed: Callable[[str], None],
                 ) -> None:
        self.on_inserted = on_inserted
        self.on_removed = on_removed
        self._present: set[str] = set()
        self._monitor = ReaderMonitor(self._event, initial=True)

    def _event(self, e: ReaderEvent) -> None:
        if e.kind is EventKind.CARD_INSERTED:
            self._present.add(e.reader)
            self.on_inserted(e.reader)
        elif e.kind is EventKind.CARD_REMOVED:
            self._present.discard(e.reader)
            self.on_removed(e.reader)
        elif e.kind is EventKind.PCSC_LOST:
            for reader in sorted(self._present):
                self.on_removed(reader)
            self._present.clear()

    @property
    def running(self) -> bool:
        return self._monitor.running

    def start(self) -> None:
        self._monitor.start()

    def stop(self) -> None:
        self._monitor.stop()
