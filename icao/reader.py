"""Reading an eMRTD: open the chip, read its files, prove it genuine (ICAO 9303-11).

    doc = read(transport, AccessKey.from_can("123456"))

Flow (9303-11 4.2 "chip access procedure", 4.3 BAC, 4.4 PACE, 6.1 AA, 6.2 CA):
1. Capabilities first (`icao.reading.capabilities`): the ATR/ATS, EF.ATR/INFO and the reader
   profile decide whether extended-length APDUs may be sent, before any long read.
2. EF.CardAccess, then PACE with the first PACEInfo we support, BAC when the card offers no
   PACE, and SELECT of the eMRTD application (`icao.reading.access`).
3. EF.COM, EF.SOD and the wanted data groups, adaptively sized (`icao.reading.files`); DG3
   and DG4 are skipped (terminal authentication), absent files tolerated.
4. Chip authentication with DG14 (or the CAM check of PACE-CAM), active authentication with
   DG15, when asked (`icao.reading.proofs`, running `icao.ca` / `icao.aa`).

Recovery, all within one deadline (`ReadOptions.deadline_s`, default 8 s):
- the chip ended the secure session (`SessionLost`: a plain 6882/6987/6988 after SM, or a
  plain error after a refused command; 9303-11 9.8): PACE or BAC again, reselect, continue
  at the offset reached. A re-run of PACE with the key that already opened the chip that
  fails is not repeated at once: the card is reset first (one PACE try per reset);
- a card lost mid-read (ConnectionError, or another OSError from the transport) is
  reconnected (`transport.reconnect()`), re-authenticated, and the read continues at the
  offset, a bounded number of times; then `CardRemoved`;
- a silent card (TimeoutError) is given until the deadline, then `CardSilent`: "the card
  does not answer". A wrong CAN/MRZ is never retried (the card counts the tries).

Progress: `progress(stage, done, total)`, called from the reading thread. Stages: "access"
(EF.ATR/INFO, EF.CardAccess, PACE or BAC, SELECT), then each file by name ("COM", "SOD",
"DG1", ...) with bytes done and total (0, 0 when the file starts), "chip_auth" (CA, CAM check,
AA), and "reconnect" when a lost card or session is being re-opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from icao.apdu import Transport
from icao.crypto import CipherKind
from icao.document import EMRTD_FILES, FILE_TAGS, MF_FILES, Document, StepTiming
from icao.errors import (
    AccessDenied,
    CardError,
    CardRemoved,
    CardSilent,
    IcaoError,
    ParseError,
    ReadTimeout,
    SecureMessagingError,
    SessionLost,
    UnsupportedProtocol,
)
from icao.keys import AccessKey
from icao.reading.access import Access
from icao.reading.capabilities import CapabilityState
from icao.reading.channel import Channel, Deadline, accepts
from icao.reading.files import FileAbsent, FileDenied, Partial, read_file
from icao.reading.proofs import Proofs, check_downgrade
from icao.reading.state import ReadState
from icao.sm import MAX_SHORT_PLAIN

Rng = Callable[[int], bytes]

DEFAULT_FILES: tuple[str, ...] = ("COM", "SOD", "DG1", "DG2", "DG13", "DG14", "DG15")
#: 9303-11 7.1: DG3 (fingerprints) and DG4 (iris) need terminal authentication.
TA_FILES = frozenset({"DG3", "DG4"})

#: Progress stages shown to the citizen (ui/screens/card.py): a step maps to a stage, a file
#: is its own stage with bytes done / total.
_STAGES = {"read:CardAccess": "access", "read:ATR/INFO": "access", "pace": "access",
           "bac": "access", "select-application": "access", "read:CardSecurity": "access",
           "chip-auth": "chip_auth", "active-auth": "chip_auth", "reconnect": "reconnect",
           "restart-session": "reconnect"}

Progress = Callable[[str, int, int], None]


def stage_of(step: str) -> str:
    """The progress stage of a Document step name ("pace" -> "access", "read:DG2" -> "DG2")."""
    return _STAGES.get(step, step.removeprefix("read:"))


@dataclass(frozen=True)
class ReadOptions:
    """How to read. `max_read` / `extended` come from the reader's profile
    (kiosk/diag/profiles.py) so what worked on this reader model is reused."""

    chip_auth: bool = True
    active_auth: bool = True
    max_read: int = 65536
    #: False: the reader cannot carry extended APDUs (never send one); None: whenever the
    #: card announces it or announces nothing (probe); True: the reader can (the source the
    #: Document names when the card announces nothing).
    extended: bool | None = None
    max_reconnects: int = 3  # lost cards reconnected before CardRemoved
    #: Secure sessions the chip may end (9303-11 9.8) and the read re-establish in a row
    #: without reading anything new in between.
    max_restarts: int = 4
    #: One bound for the whole read, retries and reconnects included (None: unbounded).
    deadline_s: float | None = 8.0
    prefer: Literal["auto", "pace", "bac"] = "auto"  # auto/pace: PACE when CardAccess offers it
    clock: Callable[[], float] = field(default=time.perf_counter, repr=False, compare=False)


class _Reader:
    def __init__(self, transport: Transport, key: AccessKey, files: Iterable[str],
                 progress: Progress | None, options: ReadOptions, rng: Rng | None):
        self.transport = transport
        self.options = options
        self.progress = progress
        atr_says = getattr(transport, "extended_length", None)
        self.state = ReadState(CapabilityState(options.extended,
                                               atr_says if isinstance(atr_says, bool) else None))
        self.state.sizes.current = options.max_read
        wanted: list[str] = []
        for name in files:
            if name in TA_FILES:
                self.state.denied.append(name)
                continue
            if name not in EMRTD_FILES and name not in MF_FILES:
                raise ValueError(f"unknown file {name!r}")
            if name not in wanted:
                wanted.append(name)
        self.wanted = wanted
        self.deadline = Deadline(options.deadline_s, options.clock)
        self.channel = Channel(transport, self.state.counters, self.deadline)
        self.access = Access(self.channel, self.state, key, options.prefer, rng, self._step,
                             self._on_bytes)
        self.proofs = Proofs(self.channel, self.state, rng, self._step,
                             chip_auth=options.chip_auth, active_auth=options.active_auth)
        self.opened = False
        self.may_reset = True  # a failed re-open may reset the card (once per success)
        self.last_error: BaseException | None = None
        self.silent_reader = False  # a plain 6F00 ended the session: the reader's timeout
        self.idle_restarts = 0  # session restarts since the read last made progress
        self.last_progress: tuple[int, ...] = ()

    # -- bookkeeping ------------------------------------------------------------------------
    @contextmanager
    def _step(self, name: str) -> Iterator[None]:
        """Time a step and count its APDUs and link bytes, even when it fails."""
        if self.progress:
            self.progress(stage_of(name), 0, 0)
        counters = self.state.counters
        t0, apdus0, bytes0 = self.options.clock(), counters.apdus, counters.link_bytes
        try:
            yield
        finally:
            self.state.steps.append(StepTiming(name, self.options.clock() - t0,
                                               counters.apdus - apdus0,
                                               counters.link_bytes - bytes0))

    def _on_bytes(self, name: str, done: int, total: int) -> None:
        if self.progress:
            self.progress("access" if name in MF_FILES else name, done, total)

    # -- the read ---------------------------------------------------------------------------
    def run(self) -> Document:
        while True:
            try:
                if not self.opened:
                    self._open()
                self._read_files()
                self.proofs.run()
                break
            except (AccessDenied, UnsupportedProtocol, ReadTimeout) as exc:
                if isinstance(exc, ReadTimeout) and isinstance(self.last_error, TimeoutError):
                    raise self._silent() from exc
                raise
            except SessionLost as exc:
                self._restart_session(exc)
            except (OSError, SecureMessagingError) as exc:
                # OSError covers ConnectionError (card gone), TimeoutError (card silent) and
                # any other failed exchange the transport reports: the session is unusable.
                self._recover(exc)
        return self._document()

    def _open(self) -> None:
        """Open the chip. A re-open with the key that already opened it that fails is not
        tried again at once: the card is reset first (one PACE or BAC try per reset, so a
        chip that counts tries is never spent on a known-good key twice in a row)."""
        try:
            self.access.open()
        except IcaoError as exc:
            if isinstance(exc, ReadTimeout) or not self.state.key_known_good \
                    or not self.may_reset:
                raise
            self.may_reset = False
            self.state.warnings.append(f"re-opening the chip failed ({type(exc).__name__}); "
                                       "the card was reset")
            self._reconnect()
            try:
                self.access.open()
            except CardError as again:
                if again.sw == 0x6F00 and self.silent_reader:
                    # a reader that answers a timeout as 6F00: the card is silent, not broken
                    raise self._silent() from again
                raise
        self.opened, self.may_reset = True, True

    def _restart_session(self, exc: SessionLost) -> None:
        s = self.state
        self.silent_reader = self.silent_reader or exc.sw == 0x6F00
        s.session_restarts += 1
        # The budget counts restarts that made no progress: a chip that ends the session at
        # each absent file still gets read to the end (the deadline bounds it all).
        progress = self._progress()
        self.idle_restarts = 0 if progress != self.last_progress else self.idle_restarts + 1
        self.last_progress = progress
        if self.idle_restarts >= self.options.max_restarts:
            raise exc
        with self._step("restart-session"):
            self._forget_session()

    def _progress(self) -> tuple[int, ...]:
        s = self.state
        return (len(s.done), len(s.absent), len(s.denied),
                sum(len(p.data) for p in s.parts.values()), s.chip_auth is not None,
                self.proofs.aa_attempts)

    def _recover(self, exc: BaseException) -> None:
        s = self.state
        self.last_error = exc
        if isinstance(exc, TimeoutError):
            if self.deadline.expired():
                raise self._silent() from exc
            s.sizes.step_down(max(s.sizes.current, 161), bare=False, extended=False)
        elif isinstance(exc, OSError) and not isinstance(exc, ConnectionError) \
                and self.channel.last_extended and s.sizes.ext_ok:
            s.sizes.ext_ok = False  # the reader could not carry an extended APDU: learned
        if s.reconnects >= self.options.max_reconnects:
            if isinstance(exc, SecureMessagingError):
                raise exc
            if isinstance(exc, TimeoutError):
                raise self._silent() from exc
            if not isinstance(exc, ConnectionError):
                # The card stayed but its answers could not be carried (e.g. nfc's
                # TransmitFailed on an endless 61xx chain, issue 10): not "removed".
                raise CardError("the card's answers could not be carried (endless or "
                                "oversized responses); the card may be faulty or not "
                                "genuine", step="read") from exc
            raise CardRemoved("the card left the reader during the read and did not come "
                              "back", step="read") from exc
        s.warnings.append(f"session restarted after {type(exc).__name__} "
                          f"(attempt {s.reconnects + 1})")
        self._reconnect()

    def _silent(self) -> CardSilent:
        return CardSilent("the card does not answer: it went silent during the read and did "
                          "not recover before the read's deadline", step="read")

    def _forget_session(self) -> None:
        self.channel.secure(None)
        self.opened = False
        for part in self.state.parts.values():
            part.selected = False

    def _reconnect(self) -> None:
        self._forget_session()
        reconnect = getattr(self.transport, "reconnect", None)
        with self._step("reconnect"):
            if callable(reconnect):
                left = self.deadline.remaining()
                try:
                    if left is not None and accepts(reconnect, "timeout"):
                        reconnect(timeout=max(left, 0.001))
                    else:
                        reconnect()
                except TimeoutError as exc:
                    raise self._silent() from exc
                except OSError as exc:
                    raise CardRemoved("the card left the reader and was not put back",
                                      step="reconnect") from exc
        self.state.reconnects += 1

    # -- files ------------------------------------------------------------------------------
    def _read_files(self) -> None:
        s = self.state
        for name in self.wanted:
            if name in s.done or name in s.absent or name in s.denied or name in MF_FILES:
                continue  # EF.CardAccess / CardSecurity are read while opening
            with self._step(f"read:{name}"):
                self._read_one(name)

    def _read_one(self, name: str) -> None:
        s = self.state
        fid, sfi = EMRTD_FILES[name]
        part = s.parts.setdefault(name, Partial())
        try:
            raw = read_file(self.channel, name, fid, sfi, s.sizes, part, self._on_bytes,
                            listed=s.listed(name))
        except FileAbsent:
            s.absent.append(name)
            return
        except FileDenied:
            s.denied.append(name)
            return
        expected = FILE_TAGS.get(name)
        if expected is not None and raw and raw[0] != expected:
            s.warnings.append(f"{name} starts with tag {raw[0]:02X}, expected {expected:02X}")
        s.done[name] = raw
        del s.parts[name]

    # -- the result -------------------------------------------------------------------------
    def _document(self) -> Document:
        s = self.state
        if s.access is None:  # pragma: no cover - run() opens the chip first
            raise CardError("the chip was never opened", step="read")
        infos = s.dg14()  # parsed once; any warning lands before the tuple below
        downgraded = check_downgrade(s, self.options.prefer)
        read_size = self._effective_read_size()
        return Document(
            files=MappingProxyType(dict(s.done)), access=s.access, steps=tuple(s.steps),
            apdu_count=s.counters.apdus, link_bytes=s.counters.link_bytes,
            seconds=self.options.clock() - self.deadline.start, read_size=read_size,
            reconnects=s.reconnects, chip_auth=s.chip_auth, active_auth=s.active_auth,
            warnings=tuple(s.warnings), absent=tuple(s.absent), denied=tuple(s.denied),
            downgraded=downgraded,
            capabilities=s.capabilities.summary(read_size, bool(s.sizes.ext_ok)),
            session_restarts=s.session_restarts, security_infos=infos)

    def _effective_read_size(self) -> int:
        """The READ BINARY size that worked, as the caller should reuse it for this reader."""
        sizes = self.state.sizes
        if sizes.ext_ok:
            return sizes.current
        kind = CipherKind.TDES if self.state.access and self.state.access.cipher == "3DES" \
            else CipherKind.AES
        return min(sizes.current, MAX_SHORT_PLAIN[kind])


def read(transport: Transport, key: AccessKey, files: Iterable[str] = DEFAULT_FILES,
         progress: Progress | None = None, *,
         options: ReadOptions | None = None, rng: Rng | None = None) -> Document:
    """Open the chip with `key` and read `files`; see the module docstring for the flow.

    Raises AccessDenied (wrong CAN/MRZ, `tries_left` from 63Cx), CardRemoved, CardSilent
    (the card does not answer), ReadTimeout (the deadline passed), SecureMessagingError,
    UnsupportedProtocol, ParseError or CardError; never anything else for what the card does.
    """
    reader = _Reader(transport, key, files, progress, options or ReadOptions(), rng)
    try:
        return reader.run()
    except IcaoError:
        raise
    except TimeoutError as exc:  # pragma: no cover - handled in run()
        raise reader._silent() from exc
    except OSError as exc:  # pragma: no cover - handled in run()
        raise CardRemoved("the card left the reader", step="read") from exc
    except (ValueError, ArithmeticError, IndexError, KeyError) as exc:
        raise ParseError(f"the card's data could not be processed ({type(exc).__name__})",
                         step="read") from exc
