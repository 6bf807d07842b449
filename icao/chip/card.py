"""The emulated eMRTD: a strict card handler (command APDU bytes -> response APDU bytes).

Enforces what real chips enforce, so the reader is tested against it rather than against a
lenient fake (docs/reference/RIG.md on Debian's vicc):
- no file of the eMRTD application is readable before BAC or PACE (6982); DG3/DG4 need
  terminal authentication, which this chip never grants (6982);
- after authentication every command must be protected; a wrong MAC or a plain command ends
  the session (6988 / 6987, ICAO 9303-11 9.8.4);
- every protected answer carries DO99;
- a wrong password answers 63Cx with a decreasing counter;
- SELECT MF answers 6D00 on the Vietnamese profiles, as CCCD cards do.

PACE, chip authentication and active authentication run in the PACE/CA/AA engineer's
chip-side classes (`icao.pace.PaceChip`, `icao.ca.CaChip`, `icao.aa.sign`); this class only
routes APDUs to them and switches secure messaging when they finish.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from icao import bac, iso7816, tlv
from icao.apdu import Command, parse_command
from icao.chip.lds_build import (
    EMRTD_FIDS,
    EMRTD_SFIS,
    MF_FIDS,
    MF_SFIS,
    ChipFiles,
    build_files,
    ca_protocol_oid,
    pace_oid,
)
from icao.chip.options import ChipOptions
from icao.chip.person import Person
from icao.chip.smcard import CardSecureMessaging, SmViolation
from icao.crypto import TDES, CipherSpec
from icao.errors import IcaoError, ParseError
from icao.keys import AccessKey

Rng = Callable[[int], bytes]

SW_OK = 0x9000
SW_EOF = 0x6282
SW_WRONG_LENGTH = 0x6700
SW_SM_MISSING = 0x6987
SW_SM_WRONG = 0x6988
SW_SECURITY = 0x6982
SW_CONDITIONS = 0x6985
SW_WRONG_DATA = 0x6A80
SW_NOT_FOUND = 0x6A82
SW_WRONG_P1P2 = 0x6B00
SW_INS = 0x6D00
SW_CLA = 0x6E00

_PROTECTED_FILES = {"DG3", "DG4"}  # 9303-11 7.1: extended access control only


class ChipRemoved(ConnectionError):
    """Fault injection: the card left the field while this APDU was on its way."""


@dataclass(frozen=True)
class AccessData:
    """What staff type to open this chip: the CAN and the MRZ (no other personal data)."""

    can: str
    mrz: str

    def __repr__(self) -> str:
        return "AccessData(can=***, mrz=***)"


class EmulatedChip:
    """A strict eMRTD. Call it with a command APDU; `power_on()` / `reset()` on field cycles."""

    def __init__(self, options: ChipOptions | None = None, person: Person | None = None, *,
                 rng: Rng | None = None, files: ChipFiles | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.perf_counter):
        self.options = (options or ChipOptions()).resolved()
        self.person = person or Person.default()
        self.files = files or build_files(self.person, self.options)
        self._rng = rng or os.urandom
        self._sleep = sleep
        self._clock = clock
        self.apdu_count = 0
        self.bytes_in = 0
        self.bytes_out = 0
        #: READ BINARY commands answered per file (benchmarks: "DG2 in at most 3 reads").
        self.reads_per_file: dict[str, int] = {}
        self._tries = self.options.password_tries
        self._dropped_once = False
        self._mrz_key = AccessKey.from_mrz_text(self.files.mrz)
        self._ca_chip = None
        #: Issue 10: a hostile behaviour (icao.chip.hostile), None for an honest chip.
        self.hostile = None
        if self.options.faults.hostile is not None:
            from icao.chip.hostile import Hostile

            self.hostile = Hostile(self.options.faults.hostile)
            self.files = self.hostile.files(self.files, self.options)
        self.power_on()

    # -- identity for staff ---------------------------------------------------------------
    @property
    def access_data(self) -> AccessData:
        return AccessData(self.person.can, self.files.mrz)

    @property
    def atr(self) -> bytes:
        """Contactless ATR per PC/SC part 3 (3.1.3.2.3): 3B 8n 80 01, historical bytes, TCK.

        The historical bytes carry ISO/IEC 7816-4 card capabilities (tag 73); their third
        byte announces command chaining and, when enabled, extended Lc/Le (8.1.1.2.7).
        """
        third = 0xC0 if self.options.ext_length else 0x80
        historical = bytes([0x80, 0x73, 0xC0, 0x21, third])
        body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical
        tck = 0
        for b in body:
            tck ^= b
        return b"\x3b" + body + bytes([tck])

    @property
    def portrait_jpeg(self) -> bytes:
        """The holder's portrait (for the demo camera); not personal for the synthetic citizen."""
        return self.person.portrait

    def __repr__(self) -> str:
        return f"EmulatedChip(profile={self.options.profile!r}, access={self.options.access!r})"

    @property
    def secure(self) -> bool:
        """True while a secure-messaging session is up."""
        return self._sm is not None

    @property
    def current_file(self) -> str | None:
        """The selected elementary file's name ("DG1", "CardAccess", ...), if any."""
        return self._ef

    # -- field events -----------------------------------------------------------------------
    def power_on(self) -> None:
        """Power-up or warm reset: every session state is lost (ISO/IEC 14443-4 / 7816-3)."""
        self._df = "MF"
        self._ef: str | None = None
        self._sm: CardSecureMessaging | None = None
        self._auth: str | None = None
        self._bac_rnd_ic: bytes | None = None
        self._pace = None
        self._ca = None
        self._ca_oid: str | None = None
        self._pending_sm: CardSecureMessaging | None = None

    reset = power_on

    def power_off(self) -> None:
        self.power_on()

    # -- the handler ------------------------------------------------------------------------
    def __call__(self, apdu: bytes) -> bytes:
        start = self._clock()
        self.apdu_count += 1
        self._maybe_drop()
        response = None
        if self.hostile is not None:
            response = self.hostile.before(self, bytes(apdu))
        if response is None:
            response = self._process(bytes(apdu))
        self.bytes_in += len(apdu)
        self.bytes_out += len(response)
        link = self.options.link
        if link is not None:
            remaining = link.seconds(len(apdu), len(response)) - (self._clock() - start)
            if remaining > 0:
                self._sleep(remaining)
        return response

    handle = __call__

    def _maybe_drop(self) -> None:
        f = self.options.faults
        n = self.apdu_count
        if f.drop_after is not None and not self._dropped_once and n > f.drop_after:
            self._dropped_once = True
            self.power_on()
            raise ChipRemoved(f"card removed at APDU {n} (fault injection)")
        if f.drop_every is not None and n % f.drop_every == 0:
            self.power_on()
            raise ChipRemoved(f"card removed at APDU {n} (fault injection)")

    def _process(self, raw: bytes) -> bytes:
        try:
            cmd = parse_command(raw)
        except ParseError:
            return _sw(SW_WRONG_LENGTH)
        if cmd.extended and (not self.options.ext_length or self.options.faults.plain_6700_ext):
            # Rejected by the transport layer before SM sees it: the SSC does not move.
            return _sw(SW_WRONG_LENGTH)
        if cmd.cla & 0x80:
            return _sw(SW_CLA)
        if self._sm is not None:
            if cmd.cla & 0x0C != 0x0C:
                self.power_on()  # a plain command aborts the secure session
                return _sw(SW_SM_MISSING)
            try:
                inner = self._sm.unwrap(cmd)
            except SmViolation:
                self.power_on()
                return _sw(SW_SM_WRONG)
            sm = self._sm
            try:
                data, sw = self._dispatch(inner, protected=True)
            except IcaoError:
                data, sw = b"", SW_CONDITIONS
            if sw == SW_OK and len(data) > 0 and not cmd.extended and _wrapped_len(
                    sm.spec, len(data)) > 256:
                data, sw = b"", SW_WRONG_LENGTH
            corrupt = self.options.faults.corrupt_mac_at == self.apdu_count
            if self.hostile is not None:
                answer = self.hostile.protected(
                    self, sm, inner, data, sw,
                    lambda d, s: sm.wrap(inner.ins, d, s, corrupt_mac=corrupt))
            else:
                answer = sm.wrap(inner.ins, data, sw, corrupt_mac=corrupt)
            self._after_wrap()
            return answer
        if cmd.cla & 0x0C:
            return _sw(SW_SM_WRONG)
        try:
            data, sw = self._dispatch(cmd, protected=False)
        except IcaoError:
            data, sw = b"", SW_CONDITIONS
        return data + sw.to_bytes(2, "big")

    def _dispatch(self, cmd: Command, *, protected: bool) -> tuple[bytes, int]:
        ins = cmd.ins
        if ins == iso7816.INS_SELECT:
            return b"", self._select(cmd)
        if ins in (iso7816.INS_READ_BINARY, iso7816.INS_READ_BINARY_ODD):
            return self._read(cmd)
        if ins == iso7816.INS_GET_CHALLENGE and not protected:
            return self._get_challenge(cmd)
        if ins == iso7816.INS_MUTUAL_AUTHENTICATE and not protected:
            return self._mutual_authenticate(cmd)
        if ins == iso7816.INS_MSE:
            return b"", (self._ca_mse(cmd) if protected else self._pace_mse(cmd))
        if ins == iso7816.INS_GENERAL_AUTHENTICATE:
            return self._ca_general_authenticate(cmd) if protected else \
                self._pace_general_authenticate(cmd)
        if ins == iso7816.INS_INTERNAL_AUTHENTICATE and protected:
            return self._internal_authenticate(cmd)
        return b"", SW_INS

    # -- files ------------------------------------------------------------------------------
    def _select(self, cmd: Command) -> int:
        if cmd.p1 == 0x04:
            if cmd.data == iso7816.AID_EMRTD:
                self._df, self._ef = "EMRTD", None
                return SW_OK
            return SW_NOT_FOUND
        if cmd.p1 == 0x00 and (not cmd.data or cmd.data == b"\x3f\x00"):
            if self.options.profile.startswith("vn-cccd"):
                return SW_INS  # CCCD chips refuse SELECT MF; readers must not depend on it
            self._df, self._ef = "MF", None
            return SW_OK
        if cmd.p1 not in (0x00, 0x02) or len(cmd.data) != 2:
            return SW_WRONG_P1P2
        fid = int.from_bytes(cmd.data, "big")
        table = EMRTD_FIDS if self._df == "EMRTD" else MF_FIDS
        files = self.files.emrtd if self._df == "EMRTD" else self.files.mf
        for name, file_id in table.items():
            if file_id == fid and name in files:
                self._ef = name
                return SW_OK
        return SW_NOT_FOUND

    def _readable(self, name: str) -> bool:
        if self._df == "MF":
            return name == "CardAccess" or self._auth == "PACE"
        return self._sm is not None and name not in _PROTECTED_FILES

    def _read(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.ins == iso7816.INS_READ_BINARY and cmd.p1 & 0x80:
            sfi = cmd.p1 & 0x1F
            table, files = (EMRTD_SFIS, self.files.emrtd) if self._df == "EMRTD" else \
                (MF_SFIS, self.files.mf)
            name = table.get(sfi)
            if name is None or name not in files:
                return b"", SW_NOT_FOUND
            self._ef, offset = name, cmd.p2
        elif cmd.ins == iso7816.INS_READ_BINARY:
            offset = (cmd.p1 << 8) | cmd.p2
        else:
            try:
                do54 = tlv.decode(cmd.data)
            except ParseError:
                return b"", SW_WRONG_DATA
            if do54.tag != 0x54 or not 1 <= len(do54.value) <= 3:
                return b"", SW_WRONG_DATA
            offset = int.from_bytes(do54.value, "big")
        if self._ef is None:
            return b"", SW_CONDITIONS
        if not self._readable(self._ef):
            return b"", SW_SECURITY
        self.reads_per_file[self._ef] = self.reads_per_file.get(self._ef, 0) + 1
        content = (self.files.emrtd if self._df == "EMRTD" else self.files.mf)[self._ef]
        le = cmd.le if cmd.le is not None else 256
        max_le = self.options.max_le
        if max_le is not None and le > max_le:
            if max_le < 256:
                return b"", 0x6C00 | max_le  # ISO 7816-4 5.1.3: the exact Le in SW2
            return b"", SW_WRONG_LENGTH  # SW2 cannot carry Le > 255: plain "wrong length"
        if not cmd.extended and le > 256:
            return b"", SW_WRONG_LENGTH
        if offset > len(content):
            return b"", SW_WRONG_P1P2
        chunk = content[offset:offset + le]
        if cmd.ins == iso7816.INS_READ_BINARY_ODD:
            room = max(0, le - 4)  # leave room for the DO53 header within Le
            chunk = tlv.encode(0x53, content[offset:offset + room])
        sw = SW_EOF if len(content) - offset < le and cmd.ins == iso7816.INS_READ_BINARY else SW_OK
        return chunk, sw

    # -- BAC (9303-11 4.3) -------------------------------------------------------------------
    def _get_challenge(self, cmd: Command) -> tuple[bytes, int]:
        if cmd.le != 8:
            return b"", SW_WRONG_LENGTH
        self._bac_rnd_ic = self._rng(8)
        return self._bac_rnd_ic, SW_OK

    def _mutual_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self.options.access not in ("bac", "both"):
            return b"", SW_SECURITY
        rnd_ic, self._bac_rnd_ic = self._bac_rnd_ic, None
        if rnd_ic is None:
            return b"", SW_CONDITIONS
        keys = bac.derive_keys(self._mrz_key.bac_seed())
        answer = bac.chip_respond(keys, rnd_ic, self._rng(16), cmd.data)
        if answer is None:
            return b"", self._wrong_password()
        data, result = answer
        self._tries = self.options.password_tries
        self._sm = CardSecureMessaging(TDES, result.ks_enc, result.ks_mac, result.ssc)
        self._auth = "BAC"
        return data, SW_OK

    def _wrong_password(self) -> int:
        self._tries = max(0, self._tries - 1)
        return 0x63C0 | self._tries

    # -- PACE (9303-11 4.4), run by icao.pace.PaceChip ---------------------------------------
    def _pace_mse(self, cmd: Command) -> int:
        if (cmd.p1 << 8 | cmd.p2) != iso7816.MSE_SET_AT_PACE:
            return SW_WRONG_P1P2
        if self.options.access not in ("pace", "both"):
            return SW_INS
        from icao.pace import PaceChip
        from icao.pace.messages import parse_set_at

        try:
            oid, ref, pid = parse_set_at(cmd.data)
        except IcaoError:
            return SW_WRONG_DATA
        if oid != pace_oid(self.options) or (pid is not None and pid != self.options.parameter_id):
            return SW_WRONG_DATA
        if ref == 1:
            password = self._mrz_key.pace_password()
        elif ref == 2:
            password = self.person.can.encode("ascii")
        else:
            return SW_WRONG_DATA
        cam_key = None
        if self.options.mapping == "cam" and self.files.keys.ca is not None:
            cam_key = self.files.keys.ca.private
        self._pace = PaceChip(password, ref, oid, self.options.parameter_id, rng=self._rng,
                              cam_private_key=cam_key)
        sw = self._pace.mse_set_at(cmd.data)
        if sw == SW_OK and self._tries < self.options.password_tries:
            return 0x63C0 | self._tries  # 9303-11 4.4.4.1: warn of the remaining tries
        return sw

    def _pace_general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self._pace is None:
            return b"", SW_CONDITIONS
        last = not cmd.cla & 0x10
        data, sw = self._pace.general_authenticate(cmd.data)
        if sw != SW_OK:
            if last:
                self._pace = None
                return b"", self._wrong_password()
            self._pace = None
            return data, sw
        result = getattr(self._pace, "result", None)
        if last:
            self._pace = None
            if result is None:
                return b"", self._wrong_password()
            self._tries = self.options.password_tries
            self._sm = CardSecureMessaging(result.spec, result.ks_enc, result.ks_mac, 0)
            self._auth = "PACE"
        return data, sw

    # -- chip authentication (9303-11 6.2) and active authentication (6.1) --------------------
    def _ca_mse(self, cmd: Command) -> int:
        p1p2 = cmd.p1 << 8 | cmd.p2
        if p1p2 not in (iso7816.MSE_SET_AT_CA, iso7816.MSE_SET_KAT):
            return SW_WRONG_P1P2
        if self.files.keys.ca is None:
            return SW_CONDITIONS
        from icao.ca import CaChip

        if self._ca_chip is None:
            key = self.files.keys.ca
            self._ca_chip = CaChip(key.private, ca_protocol_oid(self.options), key_id=1,
                                   domain_parameters=key.params, rng=self._rng)
        self._ca = self._ca_chip
        if p1p2 == iso7816.MSE_SET_KAT:
            outcome = self._ca.mse_set_kat(cmd.data)
            return self._ca_finish(outcome)
        return self._ca.mse_set_at(cmd.data)

    def _ca_general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self._ca is None:
            return b"", SW_CONDITIONS
        data, sw = self._ca.general_authenticate(cmd.data)
        self._ca_finish(sw)
        return data, sw

    def _ca_finish(self, sw: int) -> int:
        keys = getattr(self._ca, "result", None)
        if sw == SW_OK and keys is not None:
            # 9303-11 6.2.3: the answer still travels under the old keys; then restart SM.
            self._pending_sm = CardSecureMessaging(keys.spec, keys.ks_enc, keys.ks_mac, 0)
            self._ca = None
        return sw

    def _after_wrap(self) -> None:
        if self._pending_sm is not None:
            self._sm, self._pending_sm = self._pending_sm, None

    def _internal_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self.files.keys.aa is None:
            return b"", SW_INS
        if len(cmd.data) != 8:
            return b"", SW_WRONG_DATA
        from icao.aa import sign

        return sign(self.files.keys.aa, cmd.data), SW_OK


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def _wrapped_len(spec: CipherSpec, n: int) -> int:
    """Size of the protected answer for n plain bytes (DO87 + DO99 + DO8E)."""
    padded = (n // spec.block_size + 1) * spec.block_size
    value = padded + 1
    header = 2 if value < 128 else 3 if value < 256 else 4
    return header + value + 4 + 10
