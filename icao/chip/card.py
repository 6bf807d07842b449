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

Field behaviours beyond that are quirks (`icao.chip.quirks`), each checked in one place:
the session's end in `_process` / `_end_session`, file behaviours in `card_files`. With a
link model (`icao.chip.link`) each answer is held until the modelled air and compute time of
the exchange has passed.

File commands live in `icao.chip.card_files`, authentication in `icao.chip.card_auth`; this
class holds the state, routes APDUs and switches secure messaging.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from icao import iso7816
from icao.apdu import Command, parse_command
from icao.chip.card_auth import AuthCommands
from icao.chip.card_files import FileCommands
from icao.chip.hostile import Hostile
from icao.chip.lds_build import ChipFiles, build_files
from icao.chip.link import Totals
from icao.chip.options import ChipOptions
from icao.chip.person import Person
from icao.chip.smcard import SmViolation
from icao.chip.timing import ChipClock, Timed
from icao.crypto import CipherSpec
from icao.errors import IcaoError, ParseError
from icao.keys import AccessKey
from icao.sm import MAX_SHORT_PLAIN

Rng = Callable[[int], bytes]

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SM_NOT_SUPPORTED = 0x6882  # ISO/IEC 7816-4 5.6: secure messaging not supported
SW_SM_MISSING = 0x6987
SW_SM_WRONG = 0x6988
SW_CONDITIONS = 0x6985
SW_INS = 0x6D00
SW_CLA = 0x6E00


class ChipRemoved(ConnectionError):
    """Fault injection: the card left the field while this APDU was on its way."""


@dataclass(frozen=True)
class AccessData:
    """What staff type to open this chip: the CAN and the MRZ (no other personal data)."""

    can: str
    mrz: str

    def __repr__(self) -> str:
        return "AccessData(can=***, mrz=***)"


def is_error(sw: int) -> bool:
    """ISO/IEC 7816-4 5.1.3: 64xx-66xx execution errors, 67xx-6Fxx checking errors."""
    return 0x64 <= sw >> 8 <= 0x6F


class EmulatedChip(FileCommands, AuthCommands):
    """A strict eMRTD. Call it with a command APDU; `power_on()` / `reset()` on field cycles."""

    def __init__(self, options: ChipOptions | None = None, person: Person | None = None, *,
                 rng: Rng | None = None, files: ChipFiles | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.perf_counter):
        self.options = (options or ChipOptions()).resolved()
        self.quirk = self.options.quirk_set
        self.person = person or Person.default()
        self.files = files or build_files(self.person, self.options)
        self._rng = rng or os.urandom
        self.clock = ChipClock(self.options.link, slow=self.quirk.slow_chip, sleep=sleep,
                               clock=clock)
        self.apdu_count = 0
        self.bytes_in = 0
        self.bytes_out = 0
        #: READ BINARY commands answered per file (benchmarks: "DG2 in at most 3 reads").
        self.reads_per_file: dict[str, int] = {}
        # one retry counter per password (BSI TR-03110-2 3.5: a counter belongs to a password):
        # a CAN blocked by wrong tries leaves the MRZ (PACE or BAC) to open the card
        self._tries = self.options.password_tries      # the CAN's
        self._mrz_tries = self.options.password_tries  # the MRZ's
        self._pace_ref = 2
        self._dropped_once = False
        self._mrz_key = AccessKey.from_mrz_text(self.files.mrz)
        self._ca_chip = None
        self._op = None
        #: Issue 10: a hostile behaviour (icao.chip.hostile), None for an honest chip.
        self.hostile: Hostile | None = None
        if self.options.faults.hostile is not None:
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
        byte announces command chaining (b8) and, when enabled, extended Lc/Le (b7)
        (8.1.1.2.7 Table 88). The "no-ext-length" quirk announces neither (73 C0 21 00).
        """
        if self.quirk.no_ext_length:
            third = 0x00
        else:
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
    def _secure(self) -> bool:
        return self._sm is not None

    @property
    def current_file(self) -> str | None:
        """The selected elementary file's name ("DG1", "CardAccess", ...), if any."""
        return self._ef

    @property
    def current_df(self) -> str:
        """The selected dedicated file: "MF" or "EMRTD"."""
        return self._df

    # -- field events -----------------------------------------------------------------------
    def power_on(self) -> None:
        """Power-up (cold reset): every session state and the selection are lost."""
        self._clear_session()
        # "card-access-after-select-mf": the eMRTD application is selected at power-on.
        self._df = "EMRTD" if self.quirk.card_access_after_select_mf else "MF"
        self._ef = None

    def power_off(self) -> None:
        self.power_on()

    def reset(self) -> None:
        """Warm reset (ISO/IEC 7816-3 / 14443-4 re-activation): the session ends; the
        selection too, unless the "app-stays-selected" quirk keeps it."""
        self._end_session()

    def _end_session(self) -> None:
        """The chip ends secure messaging (9303-11 9.8). The selected application survives
        only with the "app-stays-selected" quirk (issue 15: the second read in a row)."""
        if self.quirk.app_stays_selected:
            self._clear_session()
        else:
            self.power_on()

    def _clear_session(self) -> None:
        self._sm = None
        self._auth = None
        self._bac_rnd_ic = None
        self._pace = None
        self._pace_step = 0
        self._ca = None
        self._pending_sm = None

    # -- the handler ------------------------------------------------------------------------
    def __call__(self, apdu: bytes) -> bytes:
        timed = self.respond(apdu)
        self.hold(timed)
        return timed.response

    def hold(self, timed: Timed, limit: float | None = None) -> None:
        """Wait until the modelled exchange (at most `limit` s of it) has passed."""
        self.clock.hold(timed, limit)

    @property
    def timing(self) -> Totals:
        """Modelled air and compute time of every exchange so far (with a timing model)."""
        return self.clock.totals

    def respond(self, apdu: bytes) -> Timed:
        """The answer at once, with the modelled time the exchange takes (the caller holds
        the answer that long: `__call__`, or a reader model of the rig)."""
        start = self.clock.now()
        self.apdu_count += 1
        self._maybe_drop()
        self._op = None
        response = None
        if self.hostile is not None:
            response = self.hostile.before(self, bytes(apdu))
        if response is None:
            response = self._process(bytes(apdu))
        self.bytes_in += len(apdu)
        self.bytes_out += len(response)
        return Timed(response, self.clock.model(self._op, len(apdu), len(response)), start)

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

    def _refuses_extended(self) -> bool:
        q = self.quirk
        return (not self.options.ext_length or self.options.faults.plain_6700_ext
                or q.no_ext_length or q.ext_length_refused)

    def _process(self, raw: bytes) -> bytes:
        q = self.quirk
        try:
            cmd = parse_command(raw)
        except ParseError:
            return _sw(SW_WRONG_LENGTH)
        if cmd.extended and self._refuses_extended():
            # Refused below the SM layer (plain 6700, the SSC does not move: gmrtd 457).
            # "no-ext-length" always ends the session; otherwise the SM quirk decides.
            if self._sm is not None and (q.no_ext_length or q.ends_sm_on_error):
                self._end_session()
            return _sw(SW_WRONG_LENGTH)
        if cmd.cla & 0x80:
            if self._sm is not None and q.ends_sm_on_error:
                self._end_session()
            return _sw(SW_CLA)
        if self._sm is not None:
            return self._process_protected(cmd)
        if cmd.cla & 0x0C:
            # A protected command without a session: "ends-sm-on-error" chips say SM is not
            # available (6882, issue 15's strict chip); others that its data is wrong.
            return _sw(SW_SM_NOT_SUPPORTED if q.ends_sm_on_error else SW_SM_WRONG)
        try:
            data, sw = self._dispatch(cmd, protected=False)
        except IcaoError:
            data, sw = b"", SW_CONDITIONS
        return data + sw.to_bytes(2, "big")

    def _process_protected(self, cmd: Command) -> bytes:
        sm = self._sm
        assert sm is not None
        if cmd.cla & 0x0C != 0x0C:
            self._end_session()  # a plain command aborts the secure session
            return _sw(SW_SM_MISSING)
        try:
            inner = sm.unwrap(cmd)
        except SmViolation:
            self._end_session()
            return _sw(SW_SM_WRONG)
        try:
            data, sw = self._dispatch(inner, protected=True)
        except IcaoError:
            data, sw = b"", SW_CONDITIONS
        if sw == SW_OK and len(data) > 0 and not cmd.extended and _wrapped_len(
                sm.spec, len(data)) > 256:
            # The protected answer would not fit a short response: 6700, or with "le-6cxx"
            # the largest plain Le that fits (6CE7 under 3DES: AndyQ/NFCPassportReader 29).
            fit = MAX_SHORT_PLAIN[sm.spec.kind]
            data, sw = b"", (0x6C00 | fit) if self.quirk.le_6cxx else SW_WRONG_LENGTH
        corrupt = self.options.faults.corrupt_mac_at == self.apdu_count
        if self.hostile is not None:
            answer = self.hostile.protected(
                self, sm, inner, data, sw,
                lambda d, s: sm.wrap(inner.ins, d, s, corrupt_mac=corrupt))
        elif self.quirk.plain_errors and is_error(sw):
            answer = _sw(sw)  # unprotected: the SSC does not move for this answer
        else:
            answer = sm.wrap(inner.ins, data, sw, corrupt_mac=corrupt)
        self._after_wrap()
        if self.quirk.ends_sm_on_error and is_error(sw):
            self._end_session()
        return answer

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

    def _after_wrap(self) -> None:
        if self._pending_sm is not None:
            self._sm, self._pending_sm = self._pending_sm, None


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")


def _wrapped_len(spec: CipherSpec, n: int) -> int:
    """Size of the protected answer for n plain bytes (DO87 + DO99 + DO8E)."""
    padded = (n // spec.block_size + 1) * spec.block_size
    value = padded + 1
    header = 2 if value < 128 else 3 if value < 256 else 4
    return header + value + 4 + 10
