"""Chip Authentication version 1 (ICAO 9303-11 6.2; BSI TR-03110-1 3.4, TR-03110-3 B.1.1).

The terminal sends an ephemeral public key on the chip's static domain parameters (from DG14);
both sides derive K = KA(SK, PK) and new session keys KS_enc = KDF(K, 1), KS_mac = KDF(K, 2).
Only a chip holding the static private key can continue secure messaging afterwards, so a
cloned chip fails at the first command under the new keys. Secure messaging then restarts with
SSC = 0 (9303-11 9.8.2). 3DES uses MSE:Set KAT; AES uses MSE:Set AT + GENERAL AUTHENTICATE.

Public API
----------
Terminal::

    authenticate(send_sm, ca_info, chip_public_key_info, *, rng=None) -> CaResult
        send_sm(Command) -> Response runs over the CURRENT secure messaging session.
        ca_info: icao.lds.security_infos.CaInfo (or anything with .protocol_oid and .key_id),
                 or None when DG14 has no ChipAuthenticationInfo (3DES is then implied).
        chip_public_key_info: CaPublicKeyInfo (uses .spki and .key_id) or DER SubjectPublicKeyInfo.
    CaResult(spec, ks_enc, ks_mac, protocol_oid, terminal_ephemeral_public)
        -> restart secure messaging with (spec, ks_enc, ks_mac) and SSC 0.
    chip_authentication(channel, dg14_infos, *, rng=None) -> icao.document.ChipAuthOutcome
        the reader's whole flow: authenticate, restart SM, confirm with the next command.

Chip::

    CaChip(private_key, protocol_oid, *, key_id=None, domain_parameters=None, rng=None)
    .mse_set_kat(data) -> SW            (3DES; answer it under the OLD keys, then switch)
    .mse_set_at(data) -> SW             (AES)
    .general_authenticate(data) -> (response data, SW)   (AES; answer under the OLD keys)
    .result -> CaResult once keys are agreed, else None
    .public_key_info() -> DER SubjectPublicKeyInfo for DG14
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from icao import iso7816, tlv
from icao.apdu import Command, Response
from icao.crypto import AES128, AES192, AES256, TDES, CipherKind, CipherSpec
from icao.document import ChipAuthOutcome
from icao.ec import Curve
from icao.ecparams import (
    CURVES_BY_NAME,
    STANDARD_DOMAIN_PARAMETERS,
    DhGroup,
    DomainParameters,
    parameter_id_of,
    parse_public_key_info,
    public_key_info,
)
from icao.errors import (
    CardError,
    CryptoError,
    IcaoError,
    ParseError,
    SecureMessagingError,
    UnsupportedProtocol,
)
from icao.kdf import KDF_ENC, KDF_MAC, kdf
from icao.lds.security_infos import SecurityInfos
from icao.pace.domain import Domain, Rng, default_rng, standard_domain
from icao.pace.oids import oid_from_value, oid_to_value
from icao.sm import SecureChannel, SecureMessaging

ID_CA = "0.4.0.127.0.7.2.2.3"
ID_CA_DH = ID_CA + ".1"
ID_CA_ECDH = ID_CA + ".2"
_CIPHERS = {"1": TDES, "2": AES128, "3": AES192, "4": AES256}

SendSm = Callable[[Command], Response]
FID_EF_COM = 0x011E  # 9303-10 4.6.1


@dataclass(frozen=True)
class CaResult:
    """New session keys after Chip Authentication; SSC restarts at 0."""

    spec: CipherSpec
    ks_enc: bytes = field(repr=False)
    ks_mac: bytes = field(repr=False)
    protocol_oid: str
    terminal_ephemeral_public: bytes = field(repr=False, default=b"")


def ca_protocol(oid: str) -> tuple[str, CipherSpec]:
    """('DH' | 'ECDH', cipher) for an id-CA OID (9303-11 9.2.6)."""
    for prefix, agreement in ((ID_CA_DH + ".", "DH"), (ID_CA_ECDH + ".", "ECDH")):
        if oid.startswith(prefix) and oid[len(prefix):] in _CIPHERS:
            return agreement, _CIPHERS[oid[len(prefix):]]
    raise UnsupportedProtocol(f"unknown Chip Authentication protocol {oid}", step="ca")


def _check_agreement(agreement: str, params: DomainParameters, oid: str) -> None:
    if (agreement == "ECDH") != isinstance(params, Curve):
        raise UnsupportedProtocol(f"CA protocol {oid} does not match the chip's key type", step="ca")


def _key_ref(key_id: int | None) -> bytes:
    """DO84: the key ID as a minimal unsigned integer (9303-11 6.2.4 / TR-03110-3 B.14.1)."""
    if key_id is None:
        return b""
    return tlv.encode(0x84, key_id.to_bytes(max(1, (key_id.bit_length() + 7) // 8), "big"))


def _session_keys(shared: bytes, spec: CipherSpec) -> tuple[bytes, bytes]:
    return kdf(shared, KDF_ENC, spec), kdf(shared, KDF_MAC, spec)


# --- Terminal ------------------------------------------------------------------------------

def authenticate(send_sm: SendSm, ca_info: object | None, chip_public_key_info: object, *,
                 rng: Rng | None = None) -> CaResult:
    rng = rng or default_rng
    spki = getattr(chip_public_key_info, "spki", chip_public_key_info)
    if not isinstance(spki, bytes):
        raise TypeError("chip_public_key_info must be DER bytes or have .spki")
    params, chip_pk_bytes = parse_public_key_info(spki)
    key_id = getattr(ca_info, "key_id", None)
    if key_id is None:
        key_id = getattr(chip_public_key_info, "key_id", None)
    if ca_info is not None:
        oid = ca_info.protocol_oid  # type: ignore[attr-defined]
    else:  # TR-03110-3 A.1.1.2: without ChipAuthenticationInfo, CA v1 with 3DES is implied
        oid = (ID_CA_ECDH if isinstance(params, Curve) else ID_CA_DH) + ".1"
    agreement, spec = ca_protocol(oid)
    _check_agreement(agreement, params, oid)
    domain = standard_domain(params)
    domain.decode(chip_pk_bytes, step="ca")  # a DG14 key is validated before any command
    sk = domain.private_key(rng)
    pk_bytes = domain.public_bytes(sk)

    if spec.kind is CipherKind.TDES:
        set_kat(send_sm, pk_bytes, key_id)
    else:
        set_at(send_sm, oid, key_id)
        general_authenticate(send_sm, pk_bytes)
    shared = domain.agree_bytes(sk, chip_pk_bytes, step="ca")
    ks_enc, ks_mac = _session_keys(shared, spec)
    return CaResult(spec, ks_enc, ks_mac, oid, pk_bytes)


def set_kat(send_sm: SendSm, pk_bytes: bytes, key_id: int | None) -> None:
    """3DES: MSE:Set KAT with the ephemeral key (DO91) and the key reference (9303-11 6.2.4.1)."""
    _expect_ok(send_sm(iso7816.mse_set_kat(tlv.encode(0x91, pk_bytes) + _key_ref(key_id))),
               "ca-mse-kat")


def set_at(send_sm: SendSm, oid: str, key_id: int | None) -> None:
    """AES: MSE:Set AT selects the protocol and the key (9303-11 6.2.4.2)."""
    data = tlv.encode(0x80, oid_to_value(oid)) + _key_ref(key_id)
    _expect_ok(send_sm(iso7816.mse_set_at(data, iso7816.MSE_SET_AT_CA)), "ca-mse-at")


def general_authenticate(send_sm: SendSm, pk_bytes: bytes) -> None:
    """AES: GENERAL AUTHENTICATE with the ephemeral key in DO80; the chip answers 7C00."""
    rsp = send_sm(iso7816.general_authenticate(iso7816.dynamic_auth_data(0x80, pk_bytes)))
    _expect_ok(rsp, "ca-ga")
    if rsp.data not in (b"", b"\x7c\x00"):
        raise CryptoError("unexpected data in the Chip Authentication response", step="ca-ga")


def chip_authentication(channel: SecureChannel, infos: SecurityInfos, *,
                        rng: Rng | None = None) -> ChipAuthOutcome:
    """The whole of CA for the reader: agree keys with the first DG14 chip key, restart secure
    messaging with them (SSC 0, 9303-11 9.8.2), and confirm: only a chip holding the private
    key answers the next command with a correct MAC (9303-11 6.2). A lost session before
    the chip took our key (`SessionLost`) propagates, for the reader to restart and retry."""
    if not infos.ca_public_keys:
        return ChipAuthOutcome("CA", "not_performed", "DG14 holds no chip public key")
    pk = infos.ca_public_keys[0]
    ca_info = next((i for i in infos.ca_infos if pk.key_id is None or i.key_id in
                    (None, pk.key_id)), None)
    try:
        result = authenticate(lambda cmd: channel.exchange(cmd).response, ca_info, pk, rng=rng)
    except (UnsupportedProtocol, ParseError) as exc:
        return ChipAuthOutcome("CA", "not_performed", exc.message, None, "DG14")
    except (CardError, CryptoError) as exc:
        return ChipAuthOutcome("CA", "failed", exc.message, None, "DG14")
    channel.secure(SecureMessaging(result.spec, result.ks_enc, result.ks_mac, 0))
    return confirm(channel, result.protocol_oid)


def confirm(channel: SecureChannel, protocol_oid: str) -> ChipAuthOutcome:
    """The first command under the new keys (SELECT EF.COM) proves the chip's key."""
    try:
        answer = channel.exchange(iso7816.select_fid(FID_EF_COM))
    except SecureMessagingError:
        channel.secure(None)
        return ChipAuthOutcome("CA", "failed", "the chip could not continue secure messaging "
                               "with the agreed keys (no matching private key)", protocol_oid,
                               "DG14")
    if answer.bare:
        channel.secure(None)
        return ChipAuthOutcome("CA", "failed", "the chip dropped secure messaging after chip "
                               "authentication", protocol_oid, "DG14")
    return ChipAuthOutcome("CA", "passed", "the chip proved it holds the DG14 private key",
                           protocol_oid, "DG14")


def _expect_ok(rsp: Response, step: str) -> None:
    if rsp.sw in (0x6A80, 0x6A88):
        raise UnsupportedProtocol("the card refused the Chip Authentication parameters",
                                  step=step, sw=rsp.sw)
    if rsp.sw != 0x9000:
        raise CardError("Chip Authentication failed on the card", step=step, sw=rsp.sw)


# --- Chip ----------------------------------------------------------------------------------

SW_OK, SW_CONDITIONS, SW_WRONG_DATA, SW_NOT_FOUND = 0x9000, 0x6985, 0x6A80, 0x6A88


class CaChip:
    """The chip's static CA key pair and the protocol it advertises in DG14."""

    def __init__(self, private_key: object, protocol_oid: str, *, key_id: int | None = None,
                 domain_parameters: DomainParameters | None = None, rng: Rng | None = None):
        self._agreement, self._spec = ca_protocol(protocol_oid)
        self._oid = protocol_oid
        self._key_id = key_id
        params, self._sk = _static_key(private_key, domain_parameters)
        _check_agreement(self._agreement, params, protocol_oid)
        self._domain: Domain = standard_domain(params)
        self._pk = self._domain.public_bytes(self._sk)
        self._rng = rng or default_rng
        self._selected = False
        self.result: CaResult | None = None

    def __repr__(self) -> str:
        return f"CaChip({self._oid}, key_id={self._key_id})"

    @property
    def public_key(self) -> bytes:
        return self._pk

    def public_key_info(self) -> bytes:
        return public_key_info(self._domain.params, self._pk)

    def _agree(self, pk_ifd: bytes) -> CaResult:
        shared = self._domain.agree_bytes(self._sk, pk_ifd, step="ca")
        ks_enc, ks_mac = _session_keys(shared, self._spec)
        return CaResult(self._spec, ks_enc, ks_mac, self._oid, pk_ifd)

    def _key_ok(self, objs: dict[int, bytes]) -> bool:
        if 0x84 not in objs:
            return True
        return self._key_id is not None and int.from_bytes(objs[0x84], "big") == self._key_id

    def mse_set_kat(self, data: bytes) -> int:
        """MSE:Set KAT (3DES): agree keys at once; the caller answers 9000 under the old keys."""
        self.result, self._selected = None, False
        if self._spec.kind is not CipherKind.TDES:
            return SW_CONDITIONS
        try:
            objs = _objects(data)
            if 0x91 not in objs:
                return SW_WRONG_DATA
            if not self._key_ok(objs):
                return SW_NOT_FOUND
            self.result = self._agree(objs[0x91])
        except IcaoError:
            return SW_WRONG_DATA
        return SW_OK

    def mse_set_at(self, data: bytes) -> int:
        """MSE:Set AT (AES): select CA with our OID and (optionally) key ID."""
        self.result, self._selected = None, False
        try:
            objs = _objects(data)
            if 0x80 not in objs or oid_from_value(objs[0x80]) != self._oid:
                return SW_WRONG_DATA
        except IcaoError:
            return SW_WRONG_DATA
        if self._spec.kind is CipherKind.TDES:
            return SW_WRONG_DATA
        if not self._key_ok(objs):
            return SW_NOT_FOUND
        self._selected = True
        return SW_OK

    def general_authenticate(self, data: bytes) -> tuple[bytes, int]:
        """GENERAL AUTHENTICATE 7C{80 PK_IFD} -> 7C00; the caller answers under the old keys."""
        if not self._selected:
            return b"", SW_CONDITIONS
        self._selected = False
        try:
            outer = tlv.decode(data)
            if outer.tag != 0x7C:
                return b"", SW_WRONG_DATA
            objs = {c.tag: c.value for c in outer.children()}
            if set(objs) != {0x80}:
                return b"", SW_WRONG_DATA
            self.result = self._agree(objs[0x80])
        except IcaoError:
            return b"", SW_WRONG_DATA
        return b"\x7c\x00", SW_OK


def _objects(data: bytes) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    for el in tlv.decode_all(data):
        if el.tag in out:
            raise ParseError(f"duplicate tag {el.tag:X}", step="ca")
        out[el.tag] = el.value
    return out


def _static_key(key: object, params: DomainParameters | None) -> tuple[DomainParameters, int]:
    """Accept an int (with params) or a `cryptography` EC / DH private key object."""
    if isinstance(key, int):
        if params is None:
            raise ValueError("an integer CA key needs domain_parameters")
        return params, key
    numbers = key.private_numbers()  # type: ignore[attr-defined]
    if hasattr(numbers, "private_value") and hasattr(key, "curve"):
        name = {"secp192r1": "p-192", "secp224r1": "p-224", "secp256r1": "p-256",
                "secp384r1": "p-384", "secp521r1": "p-521"}.get(key.curve.name, key.curve.name)
        curve = CURVES_BY_NAME.get(name.lower())
        if curve is None:
            raise UnsupportedProtocol(f"CA key on unsupported curve {key.curve.name}", step="ca")
        return curve, numbers.private_value
    pn = numbers.public_numbers.parameter_numbers
    group = DhGroup("explicit", pn.p, pn.g, pn.q)
    pid = parameter_id_of(group)
    return (STANDARD_DOMAIN_PARAMETERS[pid] if pid is not None else group), numbers.x
