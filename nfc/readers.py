"""Which readers pcscd knows, whether a card is in each, whether a virtual driver serves it, and
waiting for a card to arrive or leave."""

from __future__ import annotations

import time
from dataclasses import dataclass

from smartcard import scard

from nfc import _pcsc
from nfc.atr import Atr, parse_atr
from nfc.drivers import VIRTUAL_PREFIX, DriverEvidence, driver_evidence
from nfc.errors import AtrError, ReaderUnavailable


def is_virtual_reader(name: str) -> bool:
    """True for readers the vpcd driver serves, whatever they are called (nfc.drivers): anyone
    who reaches vpcd's TCP port can "insert" a card there, so the kiosk refuses them outside
    training mode."""
    return name.startswith(VIRTUAL_PREFIX) or driver_evidence([name])[name].virtual


@dataclass(frozen=True)
class ReaderInfo:
    """One reader as pcscd reports it right now."""

    name: str
    is_virtual: bool
    card_present: bool
    atr: bytes | None  # None when no card (or a mute one)
    mute: bool = False  # a card is there but did not answer reset
    #: how the reader is served (reader.conf entry and library, or hot-plug) and why
    #: `is_virtual` says what it says
    driver: DriverEvidence | None = None

    @property
    def decoded_atr(self) -> Atr | None:
        if not self.atr:
            return None
        try:
            return parse_atr(self.atr)
        except AtrError:
            return None


def list_readers() -> list[ReaderInfo]:
    """Every reader with its card state. PcscUnavailable when pcscd is not running."""
    ctx = _pcsc.establish_context()
    try:
        names = _pcsc.list_reader_names(ctx)
        if not names:
            return []
        states = _status(ctx, [(n, scard.SCARD_STATE_UNAWARE) for n in names], 0)
    finally:
        _pcsc.release_context(ctx)
    drivers = driver_evidence([name for name, _, _ in states])
    out = []
    for name, event, atr in states:
        present = bool(event & scard.SCARD_STATE_PRESENT)
        mute = bool(event & scard.SCARD_STATE_MUTE)
        out.append(
            ReaderInfo(
                name=name,
                is_virtual=drivers[name].virtual,
                card_present=present,
                atr=bytes(atr) if present and atr and not mute else None,
                mute=mute,
                driver=drivers[name],
            )
        )
    return out


def resolve_reader(names: list[str], wanted: str) -> str:
    """`wanted` as an exact reader name, else a unique substring of one."""
    if wanted in names:
        return wanted
    hits = [n for n in names if wanted in n]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ReaderUnavailable(
            f"No reader matches {wanted!r}. Connected readers: {names or 'none'}; "
            "check the cable or run `kiosk diag readers`."
        )
    raise ReaderUnavailable(
        f"{len(hits)} readers match {wanted!r} ({hits}); give a longer part of the name."
    )


def wait_card_present(reader_name: str | None, present: bool = True,
                      timeout: float = 5.0) -> bool:
    """Block until pcscd reports a card in (or absent from) `reader_name` (an exact name or a
    unique part of one; None: a card in any reader, or in none); False on timeout.

    Event-driven through SCardGetStatusChange, not a fixed sleep: pcscd polls presence every
    ~400 ms (RIG.md), so arrival takes 150-500 ms and removal ~160 ms. `timeout` 0 asks once.
    """
    deadline = time.monotonic() + timeout
    ctx = _pcsc.establish_context()
    try:
        names = _pcsc.list_reader_names(ctx)
        watched = names if reader_name is None else [resolve_reader(names, reader_name)]
        if not watched:
            return not present  # no reader at all: no card anywhere
        states = [(name, scard.SCARD_STATE_UNAWARE) for name in watched]
        first = True
        while True:
            remaining = deadline - time.monotonic()
            wait_ms = 0 if first else max(0, int(remaining * 1000))
            seen = _status(ctx, states, wait_ms, allow_timeout=True)
            gone = [name for name, event, _ in seen if event & scard.SCARD_STATE_UNKNOWN]
            if gone:
                raise ReaderUnavailable(f"Reader {gone[0]!r} disappeared while waiting for a "
                                        "card.")
            cards = [bool(event & scard.SCARD_STATE_PRESENT) for _, event, _ in seen]
            if any(cards) if present else not any(cards):
                return True
            if time.monotonic() >= deadline:
                return False
            states = [(name, event & ~scard.SCARD_STATE_CHANGED) for name, event, _ in seen]
            first = False
    finally:
        _pcsc.release_context(ctx)


def _status(
    ctx: int, states: list[tuple[str, int]], timeout_ms: int, *, allow_timeout: bool = False
) -> list[tuple[str, int, list[int]]]:
    hresult, new = scard.SCardGetStatusChange(ctx, timeout_ms, states)
    rc = _pcsc.code(hresult)
    if rc == _pcsc.E_TIMEOUT and allow_timeout:
        return [(n, s, []) for n, s in states]
    if rc != _pcsc.S_SUCCESS:
        raise _pcsc.error_for(hresult, "read the readers' state")
    return list(new)
