"""The transport `icao` talks to: command APDU in, one logical response out, over PC/SC.

`PcscTransport` satisfies `icao.apdu.Transport` structurally (nfc imports nothing of icao):
a lost card raises `CardRemoved` (a ConnectionError), a silent one `ApduTimeout` (a
TimeoutError), which is exactly what icao catches.

Every PC/SC call runs on one worker thread per transport so that a card that never answers
costs the caller `timeout` seconds, not forever: pyscard's SCardTransmit blocks, and
pcsc-lite's SCardCancel only interrupts SCardGetStatusChange, and a disconnect from another
thread waits on the same context lock as the stuck transmit. After a timeout the worker (and
its context) is abandoned to finish whenever the reader gives up, and registered for its
reader (`nfc._worker`): pcscd holds that reader too, so a new connection waits for it within
its own bound instead of starting one more thread stuck behind it. A silent card holds at
most one thread and one context, freed when it answers or leaves (issue 14).

The card is powered down and up on connect, and down on close (`reset=True`): a session
never inherits another's state (a secure session, the eMRTD application selected, which
some chips keep across a warm reset), so back-to-back reads work (issue 15).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from types import EllipsisType, TracebackType
from typing import Protocol, TypeVar, runtime_checkable

from smartcard import scard

from nfc import _pcsc
from nfc._exchange import classify, get_response_cla, with_short_le
from nfc._worker import STUCK, STUCK_LOCK, Stuck, Worker, wait_until_free, within
from nfc.atr import Atr, parse_atr
from nfc.errors import (
    ApduTimeout,
    AtrError,
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


@runtime_checkable
class Transport(Protocol):
    """Send a command APDU, get one logical response (61xx/6Cxx already handled)."""

    def transmit(self, apdu: bytes) -> Response: ...


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
        self._worker: Worker | None = None
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
        """Whether the card announces extended Lc/Le: the card capabilities of the ATR's
        historical bytes (ISO/IEC 7816-4 8.1.1.2.7, Table 88 b7); False under T=0, which
        cannot carry them (7816-3 12.2); None when unknown (icao.reader then reads EF.ATR/INFO
        or probes). The reader's own limits are not queryable portably: its profile says."""
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
            return within(per_apdu, end)

        resp = self.exchange(apdu, timeout=bound())
        if resp.sw1 == 0x6C and not apdu[0] & 0x0C:
            # 6Cxx: wrong Le, xx is the exact length; re-send once with Le = xx. Never for a
            # secure-messaging command (CLA b4-b3, ISO/IEC 7816-4 5.4.1): its MAC covers the
            # protected Le and the send sequence counter, so a re-send can only fail and ends
            # the card's session; the caller (icao's reader) gets the 6Cxx and steps down.
            resp = self.exchange(with_short_le(apdu, resp.sw2), timeout=bound(), kind="resend")
        data = bytearray(resp.data)
        get_response = bytes([get_response_cla(apdu[0]), 0xC0, 0x00, 0x00])
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
            raw = classify(rc, reply, self.reader)
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
            try:
                hresult = self._reset_card(end)
            except ApduTimeout:
                hresult = None
            if hresult is not None and _pcsc.code(hresult) == _pcsc.S_SUCCESS:
                self._atr = self._status_atr()
                return
        self._teardown(disconnect=scard.SCARD_RESET_CARD)
        self._open(end)

    def close(self) -> None:
        """Disconnect, powering the card down unless `reset=False`. Idempotent."""
        self._teardown(disconnect=scard.SCARD_UNPOWER_CARD if self.reset
                       else scard.SCARD_LEAVE_CARD)

    def __enter__(self) -> PcscTransport:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return (f"PcscTransport(reader={self.reader!r}, T={self.protocol}, "
                f"open={self._card is not None})")

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
        wait_until_free(self.reader, within(self.timeout, end))
        self._worker = Worker(f"pcsc:{self.reader}")
        try:
            self._ctx = self._call(_pcsc.establish_context, timeout=within(self.timeout, end))
            hresult, card, proto = self._call(
                scard.SCardConnect, self._ctx, self.reader, scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
                timeout=within(self.timeout, end),
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
                # Whatever an earlier program left is gone: a secure session, and the eMRTD
                # application selected, which some chips keep across a warm reset. A cold
                # reset (power down and up: ISO/IEC 7816-3 6.2.2, the RF field off and on).
                hresult = self._reset_card(end, scard.SCARD_UNPOWER_CARD)
                if _pcsc.code(hresult) != _pcsc.S_SUCCESS:
                    raise _pcsc.error_for(hresult, "reset the card")
            self._atr = self._status_atr()
        except BaseException:
            self._teardown(disconnect=scard.SCARD_LEAVE_CARD)
            raise

    def _reset_card(self, end: float | None, how: int = scard.SCARD_RESET_CARD) -> int:
        """SCardReconnect with a warm (RESET) or cold (UNPOWER) reset; the PC/SC code."""
        hresult, proto = self._call(
            scard.SCardReconnect, self._card, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1, how,
            timeout=within(self.timeout, end))
        if _pcsc.code(hresult) == _pcsc.S_SUCCESS:
            self._protocol = proto
        return hresult

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
        except Stuck:
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
            with STUCK_LOCK:
                STUCK[self.reader] = worker

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
        except Stuck:
            if ctx is not None:
                worker.post(lambda: _pcsc.release_context(ctx))
            with STUCK_LOCK:
                STUCK[self.reader] = worker
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
