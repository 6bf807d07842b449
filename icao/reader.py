"""Reading an eMRTD: open the chip, read its files, prove it genuine (ICAO 9303-11).

    doc = read(transport, AccessKey.from_can("123456"))

Flow (9303-11 4.2 "chip access procedure", 4.3 BAC, 4.4 PACE, 6.1 AA, 6.2 CA):
1. EF.CardAccess without SELECT MF: Vietnamese CCCDs answer 6D00 to SELECT MF, so the file is
   read by short file identifier 1C, or selected by its FID 011C, straight after power-on.
2. PACE with the first PACEInfo we support; BAC when the card offers no PACE (an MRZ key is
   then required; a CAN cannot run BAC).
3. SELECT the eMRTD application (A0000002471001) under secure messaging.
4. EF.COM, EF.SOD and the wanted data groups, adaptively sized (`icao.reading.files`); DG3 and
   DG4 are skipped (terminal authentication), absent files tolerated.
5. Chip authentication with DG14 (or the CAM check of PACE-CAM), active authentication with
   DG15, when asked.

A card lost mid-read (ConnectionError, TimeoutError or another OSError from the transport:
the exchange failed) is reconnected
(`transport.reconnect()` when it has one), re-authenticated, and the read continues at the
offset reached, a bounded number of times; then `CardRemoved`. A broken secure session is
handled the same way. A wrong CAN/MRZ is never retried (the card counts the tries).

Progress: `progress(stage, done, total)`, called from the reading thread. Stages: "access"
(EF.CardAccess, PACE or BAC, SELECT), then each file by name ("COM", "SOD", "DG1", ...) with
bytes done and total (0, 0 when the file starts), "chip_auth" (CA, CAM check, AA), and
"reconnect" when a lost card is being re-opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from icao import bac, iso7816
from icao.apdu import Transport
from icao.crypto import CipherKind
from icao.document import (
    EMRTD_FILES,
    FILE_TAGS,
    MF_FILES,
    AccessInfo,
    ActiveAuthOutcome,
    ChipAuthOutcome,
    Document,
    StepTiming,
)
from icao.ecparams import parameter_name
from icao.errors import (
    AccessDenied,
    CardError,
    CardRemoved,
    CryptoError,
    IcaoError,
    ParseError,
    SecureMessagingError,
    UnsupportedProtocol,
)
from icao.keys import AccessKey
from icao.reading.channel import Channel, Counters
from icao.reading.files import FileAbsent, FileDenied, Partial, ReadSizes, read_file
from icao.sm import MAX_SHORT_PLAIN, SecureMessaging

Rng = Callable[[int], bytes]

DEFAULT_FILES: tuple[str, ...] = ("COM", "SOD", "DG1", "DG2", "DG13", "DG14", "DG15")
#: 9303-11 7.1: DG3 (fingerprints) and DG4 (iris) need terminal authentication.
TA_FILES = frozenset({"DG3", "DG4"})


#: Progress stages shown to the citizen (ui/screens/card.py): a step maps to a stage, a file
#: is its own stage with bytes done / total.
_STAGES = {"read:CardAccess": "access", "pace": "access", "bac": "access",
           "select-application": "access", "read:CardSecurity": "access",
           "chip-auth": "chip_auth", "active-auth": "chip_auth", "reconnect": "reconnect"}

Progress = Callable[[str, int, int], None]


def stage_of(step: str) -> str:
    """The progress stage of a Document step name ("pace" -> "access", "read:DG2" -> "DG2")."""
    return _STAGES.get(step, step.removeprefix("read:"))


@dataclass(frozen=True)
class ReadOptions:
    """How to read. `max_read` / `extended` let the caller reuse what worked on this reader."""

    chip_auth: bool = True
    active_auth: bool = True
    max_read: int = 65536
    extended: bool | None = None  # None: try extended length; False: never
    max_reconnects: int = 3
    prefer: Literal["auto", "pace", "bac"] = "auto"  # auto/pace: PACE when CardAccess offers it
    clock: Callable[[], float] = field(default=time.perf_counter, repr=False, compare=False)


@dataclass
class _State:
    """What survives a reconnect: bytes read so far, read size, counters, outcomes."""

    parts: dict[str, Partial] = field(default_factory=dict)
    done: dict[str, bytes] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    steps: list[StepTiming] = field(default_factory=list)
    sizes: ReadSizes = field(default_factory=ReadSizes)
    counters: Counters = field(default_factory=Counters)
    access: AccessInfo | None = None
    pace_result: object | None = None
    chip_auth: ChipAuthOutcome | None = None
    active_auth: ActiveAuthOutcome | None = None
    reconnects: int = 0


class _Reader:
    def __init__(self, transport: Transport, key: AccessKey, files: Iterable[str],
                 progress: Progress | None, options: ReadOptions,
                 rng: Rng | None):
        self.transport = transport
        self.key = key
        self.options = options
        self.rng = rng
        self.progress = progress
        self.state = _State()
        self.state.sizes.current = options.max_read
        if options.extended is False:
            self.state.sizes.ext_ok = False
        wanted = []
        for name in files:
            if name in TA_FILES:
                self.state.denied.append(name)
                continue
            if name not in EMRTD_FILES and name not in MF_FILES:
                raise ValueError(f"unknown file {name!r}")
            if name not in wanted:
                wanted.append(name)
        self.wanted = wanted
        self.channel = Channel(transport, self.state.counters)

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
        t0 = self.options.clock()
        attempts = 0
        while True:
            try:
                self._open()
                self._read_files()
                self._authenticate_chip()
                break
            except (AccessDenied, UnsupportedProtocol):
                raise
            except (OSError, SecureMessagingError) as exc:
                # OSError covers ConnectionError (card gone), TimeoutError (card silent) and
                # any other failed exchange the transport reports: the session is unusable.
                attempts += 1
                if isinstance(exc, TimeoutError):
                    self.state.sizes.step_down(max(self.state.sizes.current, 161), bare=False,
                                               extended=False)
                if attempts > self.options.max_reconnects:
                    if isinstance(exc, SecureMessagingError):
                        raise
                    if not isinstance(exc, (ConnectionError, TimeoutError)):
                        # The card stayed but its answers could not be carried (e.g. nfc's
                        # TransmitFailed on an endless 61xx chain, issue 10): not "removed".
                        raise CardError("the card's answers could not be carried (endless "
                                        "or oversized responses); the card may be faulty "
                                        "or not genuine", step="read") from exc
                    raise CardRemoved("the card left the reader during the read and did not "
                                      "come back", step="read") from exc
                self.state.warnings.append(
                    f"session restarted after {type(exc).__name__} (attempt {attempts})")
                self._reconnect()
        if self.state.access is None:  # pragma: no cover - _open always sets it
            raise CardError("the chip was never opened", step="read")
        downgraded = self._check_downgrade()
        s = self.state
        return Document(
            files=MappingProxyType(dict(s.done)), access=s.access, steps=tuple(s.steps), apdu_count=s.counters.apdus,
            link_bytes=s.counters.link_bytes, seconds=self.options.clock() - t0,
            read_size=self._effective_read_size(), reconnects=s.reconnects,
            chip_auth=s.chip_auth, active_auth=s.active_auth, warnings=tuple(s.warnings),
            absent=tuple(s.absent), denied=tuple(s.denied), downgraded=downgraded)

    def _effective_read_size(self) -> int:
        """The READ BINARY size that worked, as the caller should reuse it for this reader."""
        sizes = self.state.sizes
        if sizes.ext_ok is not False:
            return sizes.current
        kind = CipherKind.TDES if self.state.access and self.state.access.cipher == "3DES" \
            else CipherKind.AES
        return min(sizes.current, MAX_SHORT_PLAIN[kind])

    def _reconnect(self) -> None:
        self.channel.secure(None)
        for part in self.state.parts.values():
            part.selected = False
        reconnect = getattr(self.transport, "reconnect", None)
        with self._step("reconnect"):
            if callable(reconnect):
                try:
                    reconnect()
                except OSError as exc:
                    raise CardRemoved("the card left the reader and was not put back",
                                      step="reconnect") from exc
        self.state.reconnects += 1

    # -- 1-3: open the chip -----------------------------------------------------------------
    def _open(self) -> None:
        self.channel.secure(None)
        card_access = self._read_card_access()
        pace_infos = ()
        if card_access is not None:
            pace_infos = _pace_infos(card_access, self.state.warnings)
        use_pace = bool(pace_infos) and self.options.prefer != "bac"
        pace_error: IcaoError | None = None
        if not use_pace and self.key.kind == "can":
            raise UnsupportedProtocol(
                "this card does not offer PACE, so the CAN cannot open it; use the MRZ",
                step="access")
        if use_pace:
            info = pace_infos[0]
            try:
                with self._step("pace"):
                    self._pace(info)
            except (UnsupportedProtocol, CardError) as exc:
                # 9303-11 4.2: a terminal may fall back to BAC when PACE fails; only an MRZ
                # key can, and never after AccessDenied (the chip counts wrong passwords).
                if self.key.kind != "mrz":
                    raise
                self.state.warnings.append(f"PACE failed ({type(exc).__name__}, SW "
                                           f"{(exc.sw or 0):04X}); fell back to BAC")
                self.channel.secure(None)
                use_pace, pace_error = False, exc
        if use_pace:
            if self.state.pace_result is not None and getattr(
                    self.state.pace_result, "cam", None) is not None \
                    and "CardSecurity" not in self.state.done:
                with self._step("read:CardSecurity"):
                    self._read_one("CardSecurity", optional=True)
            with self._step("select-application"):
                self._select_application()
        else:
            try:
                result = self._bac()
            except (AccessDenied, CardError, UnsupportedProtocol) as exc:
                # After a failed PACE, a chip that refuses BAC outright (6982/6985/6D00, not
                # 63xx) is reported with the PACE failure, the real cause.
                if pace_error is not None and (exc.sw or 0) >> 8 != 0x63:
                    raise pace_error from exc
                raise
            self.channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac,
                                                result.ssc))
            self.state.access = AccessInfo("BAC", self.key.kind, "3DES")

    def _bac(self) -> bac.BacResult:
        with self._step("select-application"):
            answer = self.channel.plain(iso7816.select_aid())
            if answer.sw != 0x9000:
                raise UnsupportedProtocol("the card has no eMRTD application",
                                          step="select-application", sw=answer.sw)
        with self._step("bac"):
            return bac.establish(self.channel.plain, self.key, rng=self.rng)

    def _read_card_access(self) -> bytes | None:
        if "CardAccess" in self.state.done:
            return self.state.done["CardAccess"]
        with self._step("read:CardAccess"):
            part = Partial()
            fid, sfi = MF_FILES["CardAccess"]
            for _ in range(2):
                try:
                    raw = read_file(self.channel, "CardAccess", fid, sfi, self.state.sizes,
                                    part, self._on_bytes)
                except (FileAbsent, FileDenied):
                    return None
                except CardError as exc:
                    if exc.sw in (0x6987, 0x6988):
                        part = Partial()  # the chip just closed an old session: ask again
                        continue
                    return None
                self.state.done["CardAccess"] = raw
                return raw
        return None

    def _pace(self, info) -> None:  # type: ignore[no-untyped-def]
        from icao import pace

        result = pace.establish(self.channel.plain, self.key.pace_password(),
                                self.key.password_ref, info.protocol_oid, info.parameter_id,
                                rng=self.rng)
        self.state.pace_result = result
        tries = getattr(result, "tries_left", None)
        if tries is not None:  # 9303-11 4.4.4.1: 63Cx at MSE:Set AT after earlier failures
            self.state.warnings.append(f"the chip had {tries} password tries left before "
                                       "this read")
        self.channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac, 0))
        self.state.access = AccessInfo(
            "PACE", self.key.kind, result.spec.name, protocol_oid=result.protocol_oid,
            mapping=result.mapping, parameter_id=result.parameter_id,
            curve=parameter_name(result.parameter_id))

    def _select_application(self) -> None:
        answer = self.channel.exchange(iso7816.select_aid())
        if answer.sw != 0x9000:
            raise UnsupportedProtocol("the card has no eMRTD application",
                                      step="select-application", sw=answer.sw)

    # -- 4: files ---------------------------------------------------------------------------
    def _read_files(self) -> None:
        for name in self.wanted:
            if name in self.state.done or name in self.state.absent or name in self.state.denied:
                continue
            if name in MF_FILES:
                continue  # EF.CardAccess / CardSecurity are read while opening
            with self._step(f"read:{name}"):
                self._read_one(name)

    def _read_one(self, name: str, *, optional: bool = False) -> None:
        fid, sfi = (MF_FILES if name in MF_FILES else EMRTD_FILES)[name]
        part = self.state.parts.setdefault(name, Partial())
        try:
            raw = read_file(self.channel, name, fid, sfi, self.state.sizes, part, self._on_bytes)
        except FileAbsent:
            self.state.absent.append(name)
            return
        except FileDenied:
            self.state.denied.append(name)
            return
        except CardError:
            if optional:
                self.state.warnings.append(f"{name} could not be read")
                return
            raise
        expected = FILE_TAGS.get(name)
        if expected is not None and raw and raw[0] != expected:
            self.state.warnings.append(f"{name} starts with tag {raw[0]:02X}, "
                                       f"expected {expected:02X}")
        self.state.done[name] = raw
        del self.state.parts[name]

    def _check_downgrade(self) -> bool:
        """Read with BAC although the chip's signed DG14 announces PACE (9303-11 9.2: PACEInfo
        in EF.CardAccess and DG14): EF.CardAccess was unreadable, altered or hostile, so the
        session was downgraded (issue 10). Staff see it; passive authentication cannot, since
        EF.CardAccess is not signed."""
        s = self.state
        if s.access is None or s.access.protocol != "BAC" or "DG14" not in s.done \
                or self.options.prefer == "bac":
            return False
        try:
            from icao.lds.security_infos import parse_security_infos
            from icao.pace import PACE_PROTOCOLS

            signed = parse_security_infos(s.done["DG14"]).pace_infos
        except (ImportError, ParseError):
            return False
        if any(i.protocol_oid in PACE_PROTOCOLS for i in signed):
            s.warnings.append("DG14 announces PACE but EF.CardAccess offered no usable PACE, "
                              "so the chip was read with BAC: EF.CardAccess may have been "
                              "altered (downgrade)")
            return True
        return False

    # -- 5: genuineness ---------------------------------------------------------------------
    def _authenticate_chip(self) -> None:
        s = self.state
        if s.chip_auth is None:
            if getattr(s.pace_result, "cam", None) is not None:
                s.chip_auth = self._check_cam()
            elif self.options.chip_auth and "DG14" in s.done:
                with self._step("chip-auth"):
                    s.chip_auth = self._chip_authentication()
        if s.active_auth is None and self.options.active_auth and "DG15" in s.done:
            with self._step("active-auth"):
                s.active_auth = self._active_authentication()

    def _check_cam(self) -> ChipAuthOutcome:
        from icao.lds.security_infos import parse_security_infos
        from icao.pace import verify_cam

        source, infos = None, None
        for name in ("CardSecurity", "DG14"):
            raw = self.state.done.get(name)
            if raw is None:
                continue
            try:
                if name == "CardSecurity":
                    from icao.lds.cms import parse_signed_data
                    raw = parse_signed_data(raw, what="EF.CardSecurity").econtent
                infos = parse_security_infos(raw)
            except IcaoError:
                continue
            if infos.ca_public_keys:
                source = name
                break
        oid = getattr(self.state.pace_result, "protocol_oid", None)
        if infos is None or source is None:
            return ChipAuthOutcome("PACE-CAM", "not_performed",
                                   "no chip public key found in EF.CardSecurity or DG14",
                                   oid)
        ok = verify_cam(self.state.pace_result, infos.ca_public_keys[0].spki)
        return ChipAuthOutcome("PACE-CAM", "passed" if ok else "failed",
                               "the chip proved its static key during PACE" if ok else
                               "the chip's CAM data does not match its public key", oid, source)

    def _chip_authentication(self) -> ChipAuthOutcome:
        from icao.lds.security_infos import parse_security_infos

        try:
            infos = parse_security_infos(self.state.done["DG14"])
        except ParseError:
            return ChipAuthOutcome("CA", "not_performed", "DG14 could not be parsed")
        if not infos.ca_public_keys:
            return ChipAuthOutcome("CA", "not_performed", "DG14 holds no chip public key")
        try:
            from icao import ca
        except ImportError:
            return ChipAuthOutcome("CA", "not_performed", "chip authentication is unavailable")
        pk = infos.ca_public_keys[0]
        ca_info = next((i for i in infos.ca_infos if pk.key_id is None or i.key_id in
                        (None, pk.key_id)), None)
        try:
            result = ca.authenticate(self.channel.send, ca_info, pk, rng=self.rng)
        except (UnsupportedProtocol, ParseError) as exc:
            return ChipAuthOutcome("CA", "not_performed", exc.message, None, "DG14")
        except (CardError, CryptoError) as exc:
            return ChipAuthOutcome("CA", "failed", exc.message, None, "DG14")
        # 9303-11 6.2: restart SM with the new keys; the chip proves its key by answering the
        # next command with a correct MAC.
        self.channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac, 0))
        try:
            answer = self.channel.exchange(iso7816.select_fid(EMRTD_FILES["COM"][0]))
        except SecureMessagingError:
            self.channel.secure(None)
            return ChipAuthOutcome("CA", "failed", "the chip could not continue secure "
                                   "messaging with the agreed keys (no matching private key)",
                                   result.protocol_oid, "DG14")
        if answer.bare:
            self.channel.secure(None)
            return ChipAuthOutcome("CA", "failed", "the chip dropped secure messaging after "
                                   "chip authentication", result.protocol_oid, "DG14")
        return ChipAuthOutcome("CA", "passed", "the chip proved it holds the DG14 private key",
                               result.protocol_oid, "DG14")

    def _active_authentication(self) -> ActiveAuthOutcome:
        if self.channel.sm is None:
            return ActiveAuthOutcome("not_performed", "no secure session after a failed "
                                     "chip authentication")
        from icao import aa

        hash_oid = None
        if "DG14" in self.state.done:
            from icao.lds.security_infos import parse_security_infos
            try:
                aa_infos = parse_security_infos(self.state.done["DG14"]).aa_infos
                hash_oid = aa_infos[0].signature_algorithm_oid if aa_infos else None
            except ParseError:
                self.state.warnings.append("DG14 could not be parsed for active authentication")
        challenge = aa.new_challenge(self.rng)
        # An RSA-2048 signature (256 bytes) only fits an extended protected answer; a chip
        # without extended length answers a bare 6700 (SSC untouched) and gets a short Le.
        le = 0 if self.state.sizes.ext_ok is False else 256
        answer = self.channel.exchange(iso7816.internal_authenticate(challenge, le=le))
        if answer.bare and answer.sw == 0x6700 and le:
            answer = self.channel.exchange(iso7816.internal_authenticate(challenge, le=0))
        if answer.sw != 0x9000 or not answer.data:
            return ActiveAuthOutcome("failed", f"the chip refused INTERNAL AUTHENTICATE "
                                     f"(SW {answer.sw:04X})")
        dg15 = self.state.done["DG15"]
        try:
            result = aa.verify(dg15, challenge, answer.data, hash_oid=hash_oid)
        except IcaoError as exc:
            return ActiveAuthOutcome("failed", exc.message)
        return ActiveAuthOutcome("passed" if result.valid else "failed", result.reason,
                                 result.algorithm)


def _pace_infos(card_access: bytes, warnings: list[str]) -> tuple:
    """Supported PACEInfos of EF.CardAccess, in the card's order (9303-11 4.4.1)."""
    try:
        from icao.lds.security_infos import parse_security_infos
        from icao.pace import PACE_PROTOCOLS
    except ImportError:  # pragma: no cover - depends on the tree's state
        return ()
    try:
        infos = parse_security_infos(card_access)
    except ParseError:
        warnings.append("EF.CardAccess could not be parsed; falling back to BAC")
        return ()
    supported = tuple(i for i in infos.pace_infos if i.protocol_oid in PACE_PROTOCOLS)
    if infos.pace_infos and not supported:
        warnings.append("EF.CardAccess offers only PACE variants this kiosk does not know")
    return supported


def read(transport: Transport, key: AccessKey, files: Iterable[str] = DEFAULT_FILES,
         progress: Progress | None = None, *,
         options: ReadOptions | None = None, rng: Rng | None = None) -> Document:
    """Open the chip with `key` and read `files`; see the module docstring for the flow.

    Raises AccessDenied (wrong CAN/MRZ, `tries_left` from 63Cx), CardRemoved,
    SecureMessagingError, UnsupportedProtocol, ParseError or CardError; never anything else
    for what the card does.
    """
    reader = _Reader(transport, key, files, progress, options or ReadOptions(), rng)
    try:
        return reader.run()
    except IcaoError:
        raise
    except OSError as exc:  # pragma: no cover - handled in run()
        raise CardRemoved("the card left the reader", step="read") from exc
    except (ValueError, ArithmeticError, IndexError, KeyError) as exc:
        raise ParseError(f"the card's data could not be processed ({type(exc).__name__})",
                         step="read") from exc
