"""The emulated chip's authentication commands: BAC (ICAO 9303-11 4.3), PACE (4.4), chip
authentication (6.2) and active authentication (6.1).

A mixin of `icao.chip.card.EmulatedChip`. The protocols themselves run in the chip-side
classes of the protocol modules (`icao.bac.chip_respond`, `icao.pace.PaceChip`,
`icao.ca.CaChip`, `icao.aa.sign`); this class routes APDUs to them, counts password tries,
switches secure messaging when they finish, and labels each command with the operation whose
compute time the link model charges (`icao.chip.link.ComputeModel`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import rsa

from icao import bac, iso7816
from icao.apdu import Command
from icao.chip.lds_build import ChipFiles, ca_protocol_oid, pace_oid
from icao.chip.options import ChipOptions
from icao.chip.person import Person
from icao.chip.smcard import CardSecureMessaging
from icao.crypto import TDES
from icao.errors import IcaoError
from icao.keys import AccessKey

if TYPE_CHECKING:  # pragma: no cover - types only; the modules load on first use
    from icao.ca import CaChip
    from icao.pace import PaceChip

SW_OK = 0x9000
SW_WRONG_LENGTH = 0x6700
SW_SECURITY = 0x6982
SW_CONDITIONS = 0x6985
SW_WRONG_DATA = 0x6A80
SW_WRONG_P1P2 = 0x6B00
SW_INS = 0x6D00

#: PACE's GENERAL AUTHENTICATE steps (9303-11 4.4.3.3) that compute on the curve.
_PACE_STEP_OPS = {2: "pace-mapping", 3: "pace-key-agreement"}


class AuthCommands:
    """BAC, PACE, CA and AA of the emulated chip."""

    files: ChipFiles
    options: ChipOptions
    person: Person
    _rng: Callable[[int], bytes]
    _mrz_key: AccessKey
    _tries: int        # the CAN's retry counter
    _mrz_tries: int    # the MRZ's (PACE password 1, and BAC)
    _pace_ref: int     # the password of the PACE run in progress: 1 MRZ, 2 CAN
    _sm: CardSecureMessaging | None
    _pending_sm: CardSecureMessaging | None
    _auth: str | None
    _bac_rnd_ic: bytes | None
    _pace: PaceChip | None
    _pace_step: int
    _ca: CaChip | None
    _ca_chip: CaChip | None
    #: The operation the current command performs, for the compute-time model.
    _op: str | None

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
            return b"", self._wrong_password(1)
        data, result = answer
        self._mrz_tries = self.options.password_tries
        self._sm = CardSecureMessaging(TDES, result.ks_enc, result.ks_mac, result.ssc)
        self._auth = "BAC"
        return data, SW_OK

    def _tries_of(self, ref: int) -> int:
        return self._mrz_tries if ref == 1 else self._tries

    def _set_tries(self, ref: int, value: int) -> None:
        if ref == 1:
            self._mrz_tries = value
        else:
            self._tries = value

    def _wrong_password(self, ref: int) -> int:
        """One try of password `ref` (1 MRZ, 2 CAN) spent: 63Cx with the tries left."""
        left = max(0, self._tries_of(ref) - 1)
        self._set_tries(ref, left)
        return 0x63C0 | left

    # -- PACE (9303-11 4.4), run by icao.pace.PaceChip ---------------------------------------
    def _pace_mse(self, cmd: Command) -> int:
        if (cmd.p1 << 8 | cmd.p2) != iso7816.MSE_SET_AT_PACE:
            return SW_WRONG_P1P2
        if self.options.access not in ("pace", "both"):
            return SW_INS
        # Imported on first use: a BAC-only chip never loads the PACE machinery.
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
        self._pace_step = 0
        self._pace_ref = ref
        sw = self._pace.mse_set_at(cmd.data)
        tries = self._tries_of(ref)
        if sw == SW_OK and tries < self.options.password_tries:
            return 0x63C0 | tries  # 9303-11 4.4.4.1: warn of the remaining tries
        return sw

    def _pace_general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self._pace is None:
            return b"", SW_CONDITIONS
        self._pace_step += 1
        self._op = _PACE_STEP_OPS.get(self._pace_step)
        last = not cmd.cla & 0x10
        data, sw = self._pace.general_authenticate(cmd.data)
        if sw != SW_OK:
            self._pace = None
            if last:
                return b"", self._wrong_password(self._pace_ref)
            return data, sw
        result = getattr(self._pace, "result", None)
        if last:
            self._pace = None
            if result is None:
                return b"", self._wrong_password(self._pace_ref)
            self._set_tries(self._pace_ref, self.options.password_tries)
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
        # Imported on first use: most reads of a PACE-CAM chip never run CA.
        from icao.ca import CaChip

        if self._ca_chip is None:
            key = self.files.keys.ca
            self._ca_chip = CaChip(key.private, ca_protocol_oid(self.options), key_id=1,
                                   domain_parameters=key.params, rng=self._rng)
        self._ca = self._ca_chip
        if p1p2 == iso7816.MSE_SET_KAT:
            self._op = "ca"  # 3DES CA: the key agreement runs in MSE:Set KAT
            return self._ca_finish(self._ca.mse_set_kat(cmd.data))
        return self._ca.mse_set_at(cmd.data)

    def _ca_general_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        if self._ca is None:
            return b"", SW_CONDITIONS
        self._op = "ca"
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

    def _internal_authenticate(self, cmd: Command) -> tuple[bytes, int]:
        key = self.files.keys.aa
        if key is None:
            return b"", SW_INS
        if len(cmd.data) != 8:
            return b"", SW_WRONG_DATA
        from icao.aa import sign  # imported on first use, like the other protocols

        if isinstance(key, rsa.RSAPrivateKey):
            self._op = "aa-rsa2048" if key.key_size > 1024 else "aa-rsa1024"
        else:
            self._op = "aa-ecdsa"
        return sign(key, cmd.data), SW_OK
