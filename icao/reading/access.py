"""Opening the chip (ICAO 9303-11 4.2 "chip access procedure"): capabilities, EF.CardAccess,
PACE or BAC, SELECT of the eMRTD application, and the same again when the chip ended the
session mid-read (9303-11 9.8).

- EF.ATR/INFO first, when it can still change the extended-length decision
  (`icao.reading.capabilities`).
- EF.CardAccess without SELECT MF: Vietnamese CCCDs answer 6D00 to SELECT MF, so the file is
  read by SFI 1C, or selected by its FID 011C, straight after power-on; only a chip that has
  neither is sent SELECT MF (never fatal) and asked once more, for chips that show the file
  only in the MF selected explicitly.
- PACE with the first PACEInfo we support; BAC when the card offers no PACE (an MRZ key is
  then required; a CAN cannot run BAC), or when PACE fails and the key is the MRZ.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Literal

from icao import bac, iso7816
from icao.document import MF_FILES, AccessInfo
from icao.ecparams import parameter_name
from icao.errors import AccessDenied, CardError, IcaoError, ParseError, UnsupportedProtocol
from icao.keys import AccessKey
from icao.lds.security_infos import PaceInfo, parse_security_infos
from icao.pace import PACE_PROTOCOLS, establish
from icao.reading.capabilities import max_plain, read_atr_info
from icao.reading.channel import Channel
from icao.reading.files import FileAbsent, FileDenied, Partial, Progress, read_file
from icao.reading.state import ReadState
from icao.sm import SecureMessaging

Rng = Callable[[int], bytes]
Step = Callable[[str], AbstractContextManager[None]]
Prefer = Literal["auto", "pace", "bac"]


class Access:
    """Opens (and re-opens) the chip over `channel`, recording what it did in `state`."""

    def __init__(self, channel: Channel, state: ReadState, key: AccessKey, prefer: Prefer,
                 rng: Rng | None, step: Step, on_bytes: Progress):
        self.channel, self.state, self.key, self.prefer = channel, state, key, prefer
        self.rng, self.step, self.on_bytes = rng, step, on_bytes

    # -- capabilities -----------------------------------------------------------------------
    def learn_capabilities(self) -> None:
        caps, sizes = self.state.capabilities, self.state.sizes
        if caps.needs_ef_atr_info():
            caps.checked_ef_atr_info = True
            with self.step("read:ATR/INFO"):
                caps.ef_atr_info = read_atr_info(self.channel)
        if sizes.ext_ok is None:
            sizes.ext_ok = caps.allows_extended()
            info = caps.ef_atr_info
            if sizes.ext_ok and info is not None and info.max_response:
                # DO 7F66: the chip's response buffer bounds one protected READ BINARY.
                sizes.current = min(sizes.current, max_plain(info.max_response))

    # -- open -------------------------------------------------------------------------------
    def open(self) -> None:
        """Run PACE (else BAC) and select the application; `channel` is secure afterwards."""
        self.channel.secure(None)
        self.learn_capabilities()
        card_access = self.read_card_access()
        pace_infos: tuple[PaceInfo, ...] = ()
        if card_access is not None:
            pace_infos = _pace_infos(card_access, self.state.warnings)
        use_pace = bool(pace_infos) and self.prefer != "bac"
        if self.state.access is not None:  # a re-open: what opened the chip opens it again
            use_pace = use_pace and self.state.access.protocol == "PACE"
        pace_error: IcaoError | None = None
        if not use_pace and self.key.kind == "can":
            raise UnsupportedProtocol(
                "this card does not offer PACE, so the CAN cannot open it; use the MRZ",
                step="access")
        if use_pace:
            try:
                with self.step("pace"):
                    self._pace(pace_infos[0])
            except (UnsupportedProtocol, CardError) as exc:
                # 9303-11 4.2: a terminal may fall back to BAC when PACE fails; only an MRZ
                # key can, and never after AccessDenied (the chip counts wrong passwords).
                if self.key.kind != "mrz" or self.state.key_known_good:
                    raise
                self.state.warnings.append(f"PACE failed ({type(exc).__name__}, SW "
                                           f"{(exc.sw or 0):04X}); fell back to BAC")
                self.channel.secure(None)
                use_pace, pace_error = False, exc
        if use_pace:
            cam = self.state.pace_result.cam if self.state.pace_result else None
            if cam is not None and "CardSecurity" not in self.state.done:
                with self.step("read:CardSecurity"):
                    self._read_card_security()
            with self.step("select-application"):
                answer = self.channel.exchange(iso7816.select_aid())
                if answer.sw != 0x9000:
                    raise UnsupportedProtocol("the card has no eMRTD application",
                                              step="select-application", sw=answer.sw)
        else:
            self._bac(pace_error)
        self.state.key_known_good = True

    def _pace(self, info: PaceInfo) -> None:
        result = establish(self.channel.plain, self.key.pace_password(),
                           self.key.password_ref, info.protocol_oid, info.parameter_id,
                           rng=self.rng)
        self.state.pace_result = result
        if result.tries_left is not None:  # 9303-11 4.4.4.1: 63Cx after earlier failures
            self.state.warnings.append(f"the chip had {result.tries_left} password tries "
                                       "left before this read")
        self.channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac, 0))
        self.state.access = AccessInfo(
            "PACE", self.key.kind, result.spec.name, protocol_oid=result.protocol_oid,
            mapping=result.mapping, parameter_id=result.parameter_id,
            curve=parameter_name(result.parameter_id))

    def _bac(self, pace_error: IcaoError | None) -> None:
        try:
            with self.step("select-application"):
                answer = self.channel.plain(iso7816.select_aid())
                if answer.sw != 0x9000:
                    raise UnsupportedProtocol("the card has no eMRTD application",
                                              step="select-application", sw=answer.sw)
            with self.step("bac"):
                result = bac.establish(self.channel.plain, self.key, rng=self.rng)
        except (AccessDenied, CardError, UnsupportedProtocol) as exc:
            # After a failed PACE, a chip that refuses BAC outright (6982/6985/6D00, not
            # 63xx) is reported with the PACE failure, the real cause.
            if pace_error is not None and (exc.sw or 0) >> 8 != 0x63:
                raise pace_error from exc
            raise
        self.channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac,
                                            result.ssc))
        self.state.access = AccessInfo("BAC", self.key.kind, "3DES")

    # -- the MF files -----------------------------------------------------------------------
    def read_card_access(self) -> bytes | None:
        if "CardAccess" in self.state.done:
            return self.state.done["CardAccess"]
        with self.step("read:CardAccess"):
            raw = self._card_access_once()
            if raw is None and self.channel.plain(iso7816.select_mf()).sw == 0x9000:
                # Some chips show EF.CardAccess only with the MF selected explicitly. SELECT
                # MF may be refused (6D00 on CCCDs): never fatal, and then nothing changed.
                raw = self._card_access_once(by_sfi=False)
        if raw is not None:
            self.state.done["CardAccess"] = raw
        return raw

    def _card_access_once(self, *, by_sfi: bool = True) -> bytes | None:
        fid, sfi = MF_FILES["CardAccess"]
        part = Partial(sfi_refused=not by_sfi)
        for _ in range(2):
            try:
                return read_file(self.channel, "CardAccess", fid, sfi, self.state.sizes,
                                 part, self.on_bytes)
            except (FileAbsent, FileDenied):
                return None
            except CardError as exc:
                if exc.sw in (0x6987, 0x6988):
                    part = Partial()  # the chip just closed an old session: ask again
                    continue
                return None
        return None

    def _read_card_security(self) -> None:
        """EF.CardSecurity (PACE-CAM's chip key), read under PACE in the MF; optional."""
        fid, sfi = MF_FILES["CardSecurity"]
        part = self.state.parts.setdefault("CardSecurity", Partial())
        try:
            raw = read_file(self.channel, "CardSecurity", fid, sfi, self.state.sizes, part,
                            self.on_bytes)
        except (FileAbsent, FileDenied, CardError):
            self.state.warnings.append("CardSecurity could not be read")
            self.state.parts.pop("CardSecurity", None)
            return
        self.state.done["CardSecurity"] = raw
        del self.state.parts["CardSecurity"]


def _pace_infos(card_access: bytes, warnings: list[str]) -> tuple[PaceInfo, ...]:
    """Supported PACEInfos of EF.CardAccess, in the card's order (9303-11 4.4.1)."""
    try:
        infos = parse_security_infos(card_access)
    except ParseError:
        warnings.append("EF.CardAccess could not be parsed; falling back to BAC")
        return ()
    supported = tuple(i for i in infos.pace_infos if i.protocol_oid in PACE_PROTOCOLS)
    if infos.pace_infos and not supported:
        warnings.append("EF.CardAccess offers only PACE variants this kiosk does not know")
    return supported
