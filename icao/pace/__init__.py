"""PACE (ICAO 9303-11 4.4, 9.2, 9.7): every mapping (GM, IM, CAM) over ECDH and DH.

Public API
----------
Terminal (reader) side::

    establish(send, password: bytes, password_ref: int, protocol_oid: str,
              parameter_id: int | None, *, rng=None, send_parameter_id=True,
              domain_parameters=None) -> PaceResult

    `send(Command) -> Response` is the plain channel. `password` is pi: for the MRZ
    (password_ref 1) `password_from_mrz(mrz_information)`, for the CAN (2) its ASCII digits.
    Errors: AccessDenied (6300/63Cx at the token step, .tries_left), CryptoError (bad token,
    invalid point), UnsupportedProtocol (unknown OID / parameter ID, or 6A80/6A88 at
    MSE:Set AT), CardError (other status words).

    PaceResult(spec, ks_enc, ks_mac, protocol_oid, parameter_id, mapping, chip_ephemeral_public,
               cam: CamResult | None, car, tries_left) -> restart secure messaging with SSC 0.
    (tries_left: set when the card warned 63Cx at MSE:Set AT.)
    verify_cam(result, chip_static_public_key_info: bytes) -> bool
        once PK_IC (DER SubjectPublicKeyInfo or 04||X||Y) is read from EF.CardSecurity.

Chip side::

    PaceChip(password, password_ref, protocol_oid, parameter_id, *, rng=None,
             cam_private_key=None)
    .mse_set_at(data) -> SW
    .general_authenticate(data, *, last=None) -> (response data, SW)   # 6300: wrong password
    .result -> PaceResult once the run has completed, else None

`rng` is a callable n -> n random bytes; the worked examples inject their nonces and keys.
Arithmetic: icao.ec (our own, tested against `cryptography`); parameters: icao.ecparams.
"""

from icao.pace.cam import verify_cam
from icao.pace.chip import PaceChip
from icao.pace.nonce import PASSWORD_CAN, PASSWORD_MRZ, password_from_mrz
from icao.pace.oids import PACE_PROTOCOLS, PaceProtocol, pace_protocol
from icao.pace.result import CamResult, PaceResult
from icao.pace.terminal import establish

__all__ = [
    "PACE_PROTOCOLS", "PASSWORD_CAN", "PASSWORD_MRZ", "CamResult", "PaceChip", "PaceProtocol",
    "PaceResult", "establish", "pace_protocol", "password_from_mrz", "verify_cam",
]
