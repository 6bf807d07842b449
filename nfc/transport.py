"""The transport `icao` talks to: command APDU in, one logical response out, over PC/SC.

`PcscTransport` satisfies `icao.apdu.Transport` structurally (nfc imports nothing of icao):
a lost card raises `CardRemoved` (a ConnectionError), a silent one `ApduTimeout` (a
TimeoutError), which is exactly what icao catches.

Every PC/SC call runs on one worker thread per transport so that a card that never answers
costs the caller `timeout` seconds, not forever: pyscard's SCardTransmit blocks, and
pcsc-lite's SCardCancel only interrupts SCardGetStatusChange, and a disconnect from another
thread waits on the same context lock as the stuck transmit. After a timeout the worker (and
its context) is abandoned to finish whenever the reader gives up, and registered for its
reader: while it is stuck, pcscd holds that reader too, so a new connection (`reconnect()`,
another `PcscTransport`) waits for it within its own bound instead of starting one more
thread and context that would be stuck behind it. A silent card therefore holds at most one
thread and one PC/SC context, however often the kiosk retries, and both are freed as soon
as the card answers or leaves (issue 14: bounded silence, no leak).

The card is reset on connect and on close (`reset=True`, the default): a session never
inherits another's state (the eMRTD application left selected, a secure session half open),
so back-to-back reads of the same card work (issue 15).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from types import EllipsisType, TracebackType
from typing import Protocol, TypeVar, runtime_checkable

from smartcard import scard

from nfc import _pcsc
from nfc.atr import Atr, parse_atr
from nfc.errors import (
    ApduTimeout,
    AtrError,
    CardRemoved,
    NfcError,
    ReaderUnavailable,
    TransmitFailed,
)
from nfc.readers import list_readers, resolve_reader, wait_card_present
from nfc.response import Response
from nfc.trace import TraceHook, make_record

log = logging.getLogger(__name__)

T = TypeVar("T")

#: ISO/IEC 7816-4 5.1: at most 65536 response data bytes to one (extended) command.
MAX_CHAINED_BYTES = 65536
#: 65536 / 256 GET RESPONSE rounds, plus slack for cards that answer less per round.
MAX_CHAIN_ROUNDS = 300
#: How long a NOT_TRANSACTED may take to show up as "card gone" in pcscd (polls every 400 ms).
_REMOVAL_CONFIRM = 1.0


@runtime_checkable
class Transport(Protocol):
    """Send a command APDU, get one logical response (61xx/6Cxx already handled)."""

    def transmit(self, apdu: bytes) -> Response: ...


class _Stuck(Exception):
    """The worker did not finish within the timeout."""


class _Call:
    """One PC/SC call handed to the worker, and its outcome."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self.fn = fn
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.value = self.fn()
        except BaseException as exc:  # handed back to the caller's thread
            self.error = exc
        self.done.set()


class _Worker:
    """One daemon thread running PC/SC calls in order (a context is not for concurrent use)."""

    def __init__(self, name: str) -> None:
        self._q: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self.finished = threading.Event()  # the thread has ended
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        try:
            while (job := self._q.get()) is not None:
                job.run()
        finally:
            self.finished.set()

    def call(self, fn: Callable[[], T], timeout: float | None) -> T:
        job = _Call(fn)
        self._q.put(job)
        if not job.done.wait(timeout):
            raise _Stuck()
        if job.error is not None:
            raise job.error
        return job.value  # type: ignore[return-value]  # what fn returned

    def post(self, fn: Callable[[], object]) -> None:
        """Queue a call without waiting (cleanup behind a stuck call)."""
        self._q.put(_Call(fn))

    def stop(self) -> None:
        self._q.put(None)


#: Workers abandoned in a call that has not returned, by reader name (see the module doc).
_STUCK: dict[str, _Worker] = {}
_STUCK_LOCK = threading.Lock()


def _wait_until_free(reader: str, timeout: float | None) -> None:
    """Wait for the call stuck on `reader` (if any) to end; ApduTimeout if it does not."""
    with _STUCK_LOCK:
        worker = _STUCK.get(reader)
    if worker is None:
        return
    if not worker.finished.wait(timeout):
        raise ApduTimeout(
            "The card still does not answer (an earlier command to it is pending). Remove "
            "the card, place it again and retry; if it repeats, the card or reader may be "
            "faulty."
        )
    with _STUCK_LOCK:
        if _STUCK.get(reader) is worker:
            del _STUCK[reader]


class PcscTransport:
    """A connection to the card in one PC/SC reader.

    `reader`: an exact reader name or a unique substring of one; None picks the first reader
    holding a card. `timeout` bounds every PC/SC call in seconds (None: unbounded). `hooks`
    receive a `TraceRecord` per exchange, data redacted unless `redact_trace=False`. `reset`
    (default True) resets the card when connecting and when closing, so every session starts
    from the card's power-on state; False leaves it as found (diagnostics of a card's state).
    Not for concurrent use from several threads: one card session at a time.
    """

    def __init__(
        self,
        reader: str | None = None,
        *,
        timeout: float | None = 10.0,
        hooks: Sequence[TraceHook] = (),
        redact_trace: bool = True,
        max_chained_bytes: int = MAX_CHAINED_BYTES,
        max_chain_rounds: int = MAX_CHAIN_ROUNDS,
        reset: bool = True,
    ) -> None:
        self.timeout = timeout
        self.reset = reset
        self.hooks = list(hooks)
        self.redact_trace = redact_trace
        self.max_chained_bytes = max_chained_bytes
        self.max_chain_rounds = max_chain_rounds
        self._seq = 0
        self._ctx: int | None = None
        self._card: int | None = None
        self._worker: _Worker | None = None
        self._protocol = 0
        self._atr = b""
        self.reader = self._pick_reader(reader)
        self._open()

    @classmethod
    def open(cls, reader: str | None = None, *, timeout_s: float | None = 10.0,
             hooks: Sequence[TraceHook] = (), redact_trace: bool = True,
             reset: bool = True) -> PcscTransport:
        """`PcscTransport(reader, timeout=timeout_s, ...)`, under the name the kiosk core uses."""
        return cls(reader, timeout=timeout_s, hooks=hooks, redact_trace=redact_trace,
                   reset=reset)

    # -- properties -------------------------------------------------------------------------

    @property
    def atr(self) -> bytes:
        return self._atr

    @property
    def decoded_atr(self) -> Atr | None:
        try:
            return parse_atr(self._atr)
        except AtrError:
            return None

    @property
    def protocol(self) -> int:
        """The active protocol: 0 (T=0) or 1 (T=1; contactless cards are presented as T=1)."""
        return 1 if self._protocol == scard.SCARD_PROTOCOL_T1 else 0

    @property
    def extended_length(self) -> bool | None:
        """Whether extended Lc/Le are announced, as far as PC/SC lets us know.

        The only portable source is the card capabilities in the ATR's historical bytes
        (ISO/IEC 7816-4 8.1.1.2.7, Table 88 b7): True/False when present. The reader side is
        not queryable portably (pcsc-lite carries up to 65544-byte APDUs; whether the reader
        firmware does is only known by trying), and T=0 cannot carry extended APDUs at all
        (ISO/IEC 7816-3 12.2), so T=0 gives False. None means unknown: try, and step the read
        size down on failure (DESIGN.md), or read EF.ATR/INFO.
        """
        if self._card is not None and self.protocol == 0:
            return False
        atr = self.decoded_atr
        return atr.extended_length if atr is not None else None

    # -- APDUs ------------------------------------------------------------------------------

    def transmit(self, apdu: bytes, *, timeout: float | None | EllipsisType = ...,
                 budget: float | None = None) -> Response:
        """Send a command; follow 61xx with GET RESPONSE and 6Cxx with a re-send (ISO/IEC
        7816-3 12.2.2-12.2.3, 7816-4 5.3.4), bounded so a hostile card cannot loop us forever.

        `timeout` overrides the transport's per-APDU bound for this command (each exchange);
        None means unbounded. `budget` bounds the whole logical command, GET RESPONSE rounds
        included, in seconds: the caller's deadline (icao.reader's one deadline per read).
        """
        if len(apdu) < 4:
            raise ValueError("a command APDU has at least 4 bytes (CLA INS P1 P2)")
        per_apdu = self.timeout if timeout is ... else timeout
        end = None if budget is None else time.monotonic() + budget

        def bound() -> float | None:
            if end is None:
                return per_apdu
            left = max(end - time.monotonic(), 0.0)
            return left if per_apdu is None else min(per_apdu, left)

        resp = self.exchange(apdu, timeout=bound())
        if resp.sw1 == 0x6C and not apdu[0] & 0x0C:
            # 6Cxx: wrong Le, xx is the exact length; re-send once with Le = xx. Never for a
            # secure-messaging command (CLA b4-b3, ISO/IEC 7816-4 5.4.1): its MAC covers the
            # protected Le and the send sequence counter, so a re-send can only fail and ends
            # the card's session; the caller (icao's reader) gets the 6Cxx and steps down.
            resp = self.exchange(_with_short_le(apdu, resp.sw2), timeout=bound(), kind="resend")
        data = bytearray(resp.data)
        get_response = bytes([_get_response_cla(apdu[0]), 0xC0, 0x00, 0x00])
        rounds = 0
        while resp.sw1 == 0x61:
            # 61xx: xx more bytes (00: 256 or more) wait for GET RESPONSE.
            rounds += 1
            if rounds > self.max_chain_rounds or len(data) > self.max_chained_bytes:
                raise TransmitFailed(
                    f"The card kept announcing more data ({rounds - 1} GET RESPONSE rounds, "
                    f"{len(data)} bytes); it may be faulty or not genuine. Remove it and "
                    "call staff."
                )
            resp = self.exchange(get_response + bytes([resp.sw2]), timeout=bound(),
                                 kind="get-response")
            if resp.sw1 == 0x6C:
                resp = self.exchange(get_response + bytes([resp.sw2]), timeout=bound(),
                                     kind="resend")
            data += resp.data
        if len(data) > self.max_chained_bytes:
            raise TransmitFailed(
                f"The card answered {len(data)} bytes, more than {self.max_chained_bytes}; "
                "it may be faulty or not genuine. Remove it and call staff."
            )
        return Response(bytes(data), resp.sw)

    def exchange(self, apdu: bytes, *, timeout: float | None | EllipsisType = ...,
                 kind: str = "command") -> Response:
        """One raw SCardTransmit: no 61xx/6Cxx handling. Traced.

        `timeout` defaults to the transport's; None means unbounded and skips the worker
        thread (used by `kiosk bench apdu` to measure the raw PC/SC round trip).
        """
        if timeout is ...:
            timeout = self.timeout
        if self._card is None or self._worker is None:
            raise ReaderUnavailable("The transport is closed; connect again.")
        started = time.perf_counter()
        raw: bytes | None = None
        error: BaseException | None = None
        try:
            rc, reply = self._call(self._transmit_raw, bytes(apdu), timeout=timeout)
            raw = self._classify(rc, reply)
            return Response(raw[:-2], int.from_bytes(raw[-2:], "big"))
        except BaseException as exc:
            error = exc
            raise
        finally:
            if self.hooks:
                self._trace(kind, apdu, raw, time.perf_counter() - started, error)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PcscTransport]:
        """Hold the card for a run of APDUs that must not be interleaved with another
        program's (a secure-messaging session: one foreign APDU desynchronises it).
        PC/SC SCardBeginTransaction/SCardEndTransaction; others wait until we are done."""
        if self._card is None:
            raise ReaderUnavailable("The transport is closed; connect again.")
        hresult = self._call(scard.SCardBeginTransaction, self._card, timeout=self.timeout)
        if _pcsc.code(hresult) != _pcsc.S_SUCCESS:
            raise _pcsc.error_for(hresult, "reserve the card")
        try:
            yield self
        finally:
            if self._card is not None and self._worker is not None:
                try:
                    self._call(scard.SCardEndTransaction, self._card, scard.SCARD_LEAVE_CARD,
                               timeout=self.timeout)
                except ApduTimeout:
                    pass  # the worker was abandoned; the context goes with it

    # -- lifecycle --------------------------------------------------------------------------

    def reconnect(self, timeout: float = 5.0) -> None:
        """Reset and connect again to the card in the same reader, e.g. after it was taken
        away and put back, or after an ApduTimeout. Everything, waiting for a card included,
        happens within `timeout` s: ReaderUnavailable when no card is there, ApduTimeout when
        the card is still busy with (silent on) an earlier command."""
        end = time.monotonic() + timeout
        if not wait_card_present(self.reader, True, timeout):
            raise ReaderUnavailable(
                f"No card in the reader after {timeout:g} s. Place the card on the reader."
            )
        if self._card is not None and self._worker is not None:
            card = self._card
            try:
                hresult, proto = self._call(
                    scard.SCardReconnect, card, scard.SCARD_SHARE_SHARED,
                    scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1, scard.SCARD_RESET_CARD,
                    timeout=_within(self.timeout, end),
                )
            except ApduTimeout:
                hresult, proto = None, 0
            if hresult is not None and _pcsc.code(hresult) == _pcsc.S_SUCCESS:
                self._protocol = proto
                self._atr = self._status_atr()
                return
        self._teardown(disconnect=scard.SCARD_RESET_CARD)
        self._open(end)

    def close(self) -> None:
        """Disconnect (resetting the card unless `reset=False`). Idempotent."""
        self._teardown(disconnect=scard.SCARD_RESET_CARD if self.reset
                       else scard.SCARD_LEAVE_CARD)

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PcscTransport(reader={self.reader!r}, T={self.protocol}, open={self._card is not None})"

    # -- internals --------------------------------------------------------------------------

    def _pick_reader(self, wanted: str | None) -> str:
        readers = list_readers()
        names = [r.name for r in readers]
        if wanted is not None:
            return resolve_reader(names, wanted)
        for r in readers:
            if r.card_present:
                return r.name
        raise ReaderUnavailable(
            "No card on any reader. Place the card flat on the reader"
            + ("." if names else "; no reader is connected either: check its USB cable.")
        )

    def _open(self, end: float | None = None) -> None:
        """Connect within `timeout` (or until `end`, a monotonic time), after any call still
        stuck on this reader has ended: never a second thread stuck behind the first."""
        _wait_until_free(self.reader, _within(self.timeout, end))
        self._worker = _Worker(f"pcsc:{self.reader}")
        try:
            self._ctx = self._call(_pcsc.establish_context, timeout=_within(self.timeout, end))
            hresult, card, proto = self._call(
                scard.SCardConnect, self._ctx, self.reader, scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                timeout=_within(self.timeout, end),
            )
            rc = _pcsc.code(hresult)
            if rc in (_pcsc.E_NO_SMARTCARD, _pcsc.W_REMOVED_CARD):
                raise ReaderUnavailable(
                    f"No card in the reader {self.reader!r}. Place the card on the reader.",
                    code=rc,
                )
            if rc != _pcsc.S_SUCCESS:
                raise _pcsc.error_for(hresult, "connect to the card")
            self._card, self._protocol = card, proto
            if self.reset:
                # A warm reset: whatever an earlier program left (an application selected, a
                # secure session) is gone; ISO/IEC 7816-3 6.2.3 / 14443-4 deselect + RATS.
                hresult, proto = self._call(
                    scard.SCardReconnect, card, scard.SCARD_SHARE_SHARED,
                    scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1, scard.SCARD_RESET_CARD,
                    timeout=_within(self.timeout, end),
                )
                if _pcsc.code(hresult) != _pcsc.S_SUCCESS:
                    raise _pcsc.error_for(hresult, "reset the card")
                self._protocol = proto
            self._atr = self._status_atr()
        except BaseException:
            self._teardown(disconnect=scard.SCARD_LEAVE_CARD)
            raise

    def _status_atr(self) -> bytes:
        hresult, _reader, _state, _proto, atr = self._call(
            scard.SCardStatus, self._card, timeout=self.timeout
        )
        if _pcsc.code(hresult) != _pcsc.S_SUCCESS:
            raise _pcsc.error_for(hresult, "read the card's ATR")
        return bytes(atr)

    def _transmit_raw(self, apdu: bytes) -> tuple[int, bytes]:
        pci = scard.SCARD_PCI_T1 if self._protocol == scard.SCARD_PROTOCOL_T1 else scard.SCARD_PCI_T0
        hresult, resp = scard.SCardTransmit(self._card, pci, list(apdu))
        return _pcsc.code(hresult), bytes(resp)

    def _classify(self, rc: int, resp: bytes) -> bytes:
        """The response, or the typed error for a failed exchange. Runs on the caller's
        thread, so the removal check below does not eat into the APDU timeout."""
        if rc == _pcsc.S_SUCCESS and len(resp) >= 2:
            return resp
        if rc in (_pcsc.S_SUCCESS, _pcsc.E_NOT_TRANSACTED, _pcsc.F_COMM_ERROR):
            # A card that vanishes mid-exchange shows up as NOT_TRANSACTED (RIG.md), a comm
            # error, or (vpcd) an empty "successful" answer; pcscd's presence poll tells
            # whether the card is really gone.
            if wait_card_present(self.reader, False, _REMOVAL_CONFIRM):
                raise CardRemoved(
                    "The card left the reader during an exchange. Place it flat on the "
                    "reader and keep it still.", code=None if rc == _pcsc.S_SUCCESS else rc,
                )
            if rc == _pcsc.S_SUCCESS:
                raise TransmitFailed(
                    f"The card answered {len(resp)} bytes, no status word. Remove the card "
                    "and place it again."
                )
        raise _pcsc.error_for(rc, "exchange a command with the card")

    def _call(self, fn: Callable[..., T], *args: object, timeout: float | None) -> T:
        worker = self._worker
        if worker is None:
            raise ReaderUnavailable("The transport is closed; connect again.")
        if timeout is None:
            return fn(*args)  # unbounded: no thread hop (the context is thread-safe)
        if timeout <= 0:  # the caller's budget is spent: do not start what cannot finish
            raise ApduTimeout("The read's time ran out before the card answered. Remove the "
                              "card, place it again and retry.")
        try:
            return worker.call(lambda: fn(*args), timeout)
        except _Stuck:
            self._abandon()
            raise ApduTimeout(
                f"The card did not answer within {timeout:g} s. Remove the card, place it "
                "again and retry; if it repeats, the card or reader may be faulty."
            ) from None

    def _abandon(self) -> None:
        """Leave a stuck worker behind, registered for this reader; it releases its context
        and ends once the reader gives up or the card answers."""
        worker, ctx = self._worker, self._ctx
        self._worker, self._ctx, self._card = None, None, None
        if worker is not None:
            if ctx is not None:
                worker.post(lambda: _pcsc.release_context(ctx))
            worker.stop()
            with _STUCK_LOCK:
                _STUCK[self.reader] = worker

    def _teardown(self, disconnect: int) -> None:
        worker, ctx, card = self._worker, self._ctx, self._card
        self._worker, self._ctx, self._card = None, None, None
        if worker is None:
            return
        try:
            if card is not None:
                worker.call(lambda: scard.SCardDisconnect(card, disconnect), self.timeout)
            if ctx is not None:
                worker.call(lambda: _pcsc.release_context(ctx), self.timeout)
        except _Stuck:
            if ctx is not None:
                worker.post(lambda: _pcsc.release_context(ctx))
            with _STUCK_LOCK:
                _STUCK[self.reader] = worker
        except NfcError:
            pass
        finally:
            worker.stop()

    def _trace(self, kind: str, apdu: bytes, raw: bytes | None, seconds: float,
               error: BaseException | None) -> None:
        self._seq += 1
        record = make_record(self._seq, kind, apdu, raw, seconds, error, self.redact_trace)
        for hook in self.hooks:
            try:
                hook(record)
            except Exception as exc:  # a broken hook must not break the card session
                log.error("APDU trace hook raised %s", type(exc).__name__)


def _within(timeout: float | None, end: float | None) -> float | None:
    """`timeout`, shortened to what is left until `end` (a time.monotonic() value)."""
    if end is None:
        return timeout
    left = max(end - time.monotonic(), 0.0)
    return left if timeout is None else min(timeout, left)


def _get_response_cla(cla: int) -> int:
    """GET RESPONSE keeps the logical channel of the command it continues (ISO/IEC 7816-4
    5.4.1), without secure messaging or chaining bits (it is a T=0 transport command)."""
    if cla & 0x40:
        return 0x40 | (cla & 0x0F)  # further interindustry class: channels 4-19
    return cla & 0x03


def _with_short_le(apdu: bytes, le: int) -> bytes:
    """The same command with a 1-byte Le = `le` (6Cxx: ISO/IEC 7816-3 12.2.2 case 2)."""
    body = apdu[4:]
    n = len(body)
    if n == 0:
        return apdu + bytes([le])
    if n == 1:
        return apdu[:4] + bytes([le])
    if body[0] != 0 or n < 3:
        lc = body[0]
        if n == 1 + lc:
            return apdu + bytes([le])
        return apdu[:5 + lc] + bytes([le])
    # Extended command told to use a short Le: keep data, extended Le field carries xx.
    if n == 3:
        return apdu[:4] + b"\x00" + le.to_bytes(2, "big")
    lc = int.from_bytes(body[1:3], "big")
    return apdu[:7 + lc] + le.to_bytes(2, "big")
