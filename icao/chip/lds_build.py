"""Build the emulated chip's files (ICAO 9303-10 4.6-4.7, 9303-11 9.2) from a Person.

Every file is built once per chip, as the exact bytes READ BINARY returns and EF.SOD hashes.
Keys for chip authentication and active authentication are generated per process (cached), so
building many chips in a test run stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from asn1crypto import core
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from icao import ec as ecmath
from icao import tlv
from icao.chip.options import ChipOptions, is_dh
from icao.chip.person import Person
from icao.chip.sod import build_card_security, build_sod
from icao.chip.testpki import DEFAULT_SEED, generate_test_pki
from icao.ec import Curve
from icao.ecparams import domain_parameters, public_key_info
from icao.lds.dg13 import encode_dg13
from icao.lds.security_infos import (
    ActiveAuthenticationInfoAsn1,
    ChipAuthenticationInfoAsn1,
    ChipAuthenticationPublicKeyInfoAsn1,
    PaceInfoAsn1,
)
from icao.mrz import format_td1, format_td3

ID_PACE = "0.4.0.127.0.7.2.2.4"
ID_CA_ECDH = "0.4.0.127.0.7.2.2.3.2"
ID_PK_ECDH = "0.4.0.127.0.7.2.2.1.2"
ID_AA = "2.23.136.1.1.5"
ECDSA_PLAIN_SHA256 = "0.4.0.127.0.7.1.1.4.1.3"  # BSI TR-03111 4.2.1.1

#: File identifiers (9303-10 4.6.1 Table 38 / 3.11): name -> FID, and the SFIs.
EMRTD_FIDS: dict[str, int] = {"COM": 0x011E, "SOD": 0x011D,
                              **{f"DG{n}": 0x0100 + n for n in range(1, 17)}}
EMRTD_SFIS: dict[int, str] = {0x1E: "COM", 0x1D: "SOD", **{n: f"DG{n}" for n in range(1, 17)}}
MF_FIDS: dict[str, int] = {"CardAccess": 0x011C, "CardSecurity": 0x011D, "ATRInfo": 0x2F01}
MF_SFIS: dict[int, str] = {0x1C: "CardAccess", 0x1D: "CardSecurity", 0x01: "ATRInfo"}

#: Data-group tags for EF.COM's tag list (9303-10 4.6.1.1).
DG_TAGS = {1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68, 9: 0x69,
           10: 0x6A, 11: 0x6B, 12: 0x6C, 13: 0x6D, 14: 0x6E, 15: 0x6F, 16: 0x70}

_MAPPING_ARC = {("ecdh", "gm"): 2, ("dh", "gm"): 1, ("ecdh", "im"): 4, ("dh", "im"): 3,
                ("ecdh", "cam"): 6}
_CIPHER_ARC = {"3des": 1, "aes128": 2, "aes192": 3, "aes256": 4}


def pace_oid(options: ChipOptions) -> str:
    """The PACE OID of 9303-11 9.2.3 for this chip's mapping, group type and cipher."""
    o = options.resolved()
    kind = "dh" if is_dh(o.parameter_id) else "ecdh"
    arc = _MAPPING_ARC.get((kind, o.mapping or "gm"))
    if arc is None:
        raise ValueError("PACE-CAM needs an elliptic curve, not a DH group")
    return f"{ID_PACE}.{arc}.{_CIPHER_ARC[o.cipher or 'aes128']}"


@dataclass(frozen=True)
class CaKey:
    """The chip-authentication key: a private scalar on standardised domain parameters.

    Plain integers on `icao.ecparams` curves, because PACE-CAM needs the key on the PACE
    curve (9303-11 4.4.3.5), which may be one `cryptography` lacks (brainpoolP192r1 ...).
    """

    params: Curve = field(repr=False)
    private: int = field(repr=False)
    spki: bytes = field(repr=False)


@dataclass(frozen=True)
class ChipKeys:
    """The chip's long-term keys; never in a repr."""

    ca: CaKey | None = field(repr=False)
    aa: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = field(repr=False)


@lru_cache(maxsize=32)
def _ca_key(parameter_id: int, purpose: str) -> CaKey:
    curve = domain_parameters(parameter_id)
    assert isinstance(curve, Curve)
    k = 1 + int.from_bytes(os.urandom(curve.order_size + 8), "big") % (curve.n - 1)
    public = ecmath.encode_point(curve, ecmath.mul(curve, k, curve.generator))
    return CaKey(curve, k, public_key_info(curve, public))


@lru_cache(maxsize=8)
def _ec_key(curve_name: str, purpose: str) -> ec.EllipticCurvePrivateKey:
    curve = {"brainpoolP256r1": ec.BrainpoolP256R1(), "secp256r1": ec.SECP256R1()}[curve_name]
    return ec.generate_private_key(curve)


@lru_cache(maxsize=4)
def _rsa_key(bits: int, purpose: str) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def chip_keys(options: ChipOptions, *, purpose: str = "genuine") -> ChipKeys:
    """CA key on the PACE curve (brainpoolP256r1 when PACE uses DH or is off); AA RSA-1024
    (CCCD 2021, passports) or ECDSA P-256 (Can cuoc 2024)."""
    o = options.resolved()
    pid = o.parameter_id if o.access != "bac" and not is_dh(o.parameter_id) else 13
    ca = _ca_key(pid, "ca-" + purpose) if o.chip_auth else None
    kind = o.aa_key or ("ecdsa-p256" if o.profile == "vn-cccd-2024" else "rsa1024")
    aa: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None
    if not o.active_auth:
        aa = None
    elif kind == "ecdsa-p256":
        aa = _ec_key("secp256r1", "aa-" + purpose)
    else:
        aa = _rsa_key(2048 if kind == "rsa2048" else 1024, "aa-" + purpose)
    return ChipKeys(ca, aa)


def _spki(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    """DER SubjectPublicKeyInfo of a `cryptography` key (DG15)."""
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def ca_protocol_oid(options: ChipOptions) -> str:
    """id-CA-ECDH with the PACE cipher (3DES or AES), 9303-11 9.2.5."""
    return f"{ID_CA_ECDH}.{_CIPHER_ARC[options.resolved().cipher or 'aes128']}"


def security_infos(options: ChipOptions, keys: ChipKeys, *, card_access: bool) -> bytes:
    """SET OF SecurityInfo (DER) for EF.CardAccess (card_access=True) or DG14's content."""
    o = options.resolved()
    items: list[bytes] = []
    if o.access in ("pace", "both"):
        items.append(PaceInfoAsn1({"protocol": pace_oid(o), "version": 2,
                                   "parameter_id": o.parameter_id}).dump())
    if keys.ca is not None:
        items.append(ChipAuthenticationInfoAsn1({"protocol": ca_protocol_oid(o),
                                                 "version": 1, "key_id": 1}).dump())
        if not card_access:
            items.append(ChipAuthenticationPublicKeyInfoAsn1({
                "protocol": ID_PK_ECDH,
                "chip_authentication_public_key": core.Any.load(keys.ca.spki),
                "key_id": 1}).dump())
    if not card_access and isinstance(keys.aa, ec.EllipticCurvePrivateKey):
        # 9303-11 9.2.8: ECDSA active authentication must name its signature algorithm.
        items.append(ActiveAuthenticationInfoAsn1({"protocol": ID_AA, "version": 1,
                                                   "signature_algorithm": ECDSA_PLAIN_SHA256}
                                                  ).dump())
    return tlv.encode(0x31, b"".join(sorted(items)))  # DER SET OF: sorted encodings


def card_security_infos(options: ChipOptions, keys: ChipKeys) -> bytes:
    """EF.CardSecurity content for PACE-CAM: PACEInfo, CA info and the CA public key."""
    o = options.resolved()
    items = [PaceInfoAsn1({"protocol": pace_oid(o), "version": 2,
                           "parameter_id": o.parameter_id}).dump()]
    if keys.ca is not None:
        items.append(ChipAuthenticationInfoAsn1({"protocol": ca_protocol_oid(o), "version": 1,
                                                 "key_id": 1}).dump())
        items.append(ChipAuthenticationPublicKeyInfoAsn1({
            "protocol": ID_PK_ECDH, "chip_authentication_public_key": core.Any.load(
                keys.ca.spki), "key_id": 1}).dump())
    return tlv.encode(0x31, b"".join(sorted(items)))


def dg1(person: Person, profile: str) -> bytes:
    """DG1: 61 { 5F1F MRZ } (9303-10 4.7.1); TD1 with the Vietnamese layout, or TD3."""
    surname, given = person.mrz_names()
    if profile == "td3-passport":
        text = format_td3(document_number=person.document_number or "C" + person.id_number[-8:],
                          birth_date=person.birth_yymmdd, expiry_date=person.expiry_yymmdd,
                          sex=person.sex_code, surname=surname, given_names=given)
    else:
        text = format_td1(id_number=person.id_number, birth_date=person.birth_yymmdd,
                          expiry_date=person.expiry_yymmdd, sex=person.sex_code,
                          surname=surname, given_names=given)
    return tlv.encode(0x61, tlv.encode(0x5F1F, text.replace("\n", "").encode("ascii")))


def mrz_text(dg1_bytes: bytes) -> str:
    """The MRZ lines held by DG1 (for printing the access data to use)."""
    raw = tlv.decode(dg1_bytes).require(0x5F1F).value.decode("ascii")
    width = 30 if len(raw) == 90 else 44 if len(raw) == 88 else 36
    return "\n".join(raw[i:i + width] for i in range(0, len(raw), width))


def facial_record(jpeg: bytes, width: int = 400, height: int = 500) -> bytes:
    """ISO/IEC 19794-5:2005 record with one JPEG image (5.4-5.7): header, face, image info."""
    face_info = (
        b"\x00\x00"            # number of feature points
        + b"\x00"              # gender unspecified
        + b"\x00\x00"          # eye colour, hair colour unspecified
        + b"\x00\x00\x00"      # feature mask
        + b"\x00\x00"          # expression unspecified
        + b"\x00\x00\x00"      # pose angles
        + b"\x00\x00\x00"      # pose angle uncertainty
    )
    image_info = (
        b"\x01"                # face image type: full frontal
        + b"\x00"              # image data type: JPEG
        + width.to_bytes(2, "big") + height.to_bytes(2, "big")
        + b"\x01"              # colour space sRGB
        + b"\x00"              # source type unspecified
        + b"\x00\x00"          # device type
        + b"\x00\x00"          # quality unspecified
    )
    block = face_info + image_info + jpeg
    face_block = (len(block) + 4).to_bytes(4, "big") + block
    header = b"FAC\x00" + b"010\x00" + (14 + len(face_block)).to_bytes(4, "big") + b"\x00\x01"
    return header + face_block


def dg2(person: Person) -> bytes:
    """DG2: 75 { 7F61 { 02 count, 7F60 { A1 BHT, 5F2E record } } } (9303-10 4.7.2)."""
    bht = tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01") + tlv.encode(0x81, b"\x02")
                     + tlv.encode(0x87, b"\x01\x01") + tlv.encode(0x88, b"\x00\x08"))
    template = tlv.encode(0x7F60, bht + tlv.encode(0x5F2E, facial_record(person.portrait)))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))


def dg3_placeholder() -> bytes:
    """DG3 exists but is protected by terminal authentication: never readable here."""
    return tlv.encode(0x63, tlv.encode(0x7F61, tlv.encode(0x02, b"\x00")))


def com(dg_numbers: list[int]) -> bytes:
    """EF.COM: LDS 1.7, Unicode 4.0.0, tag list (9303-10 4.6.1)."""
    tags = bytes(DG_TAGS[n] for n in sorted(dg_numbers))
    return tlv.encode(0x60, tlv.encode(0x5F01, b"0107") + tlv.encode(0x5F36, b"040000")
                      + tlv.encode(0x5C, tags))


@dataclass(frozen=True)
class ChipFiles:
    """The chip's files by name (raw bytes as read), plus its keys and MRZ text."""

    mf: Mapping[str, bytes] = field(repr=False)
    emrtd: Mapping[str, bytes] = field(repr=False)
    keys: ChipKeys = field(repr=False)
    mrz: str = field(repr=False)
    csca_der: bytes | None = field(default=None, repr=False)
    crl_der: bytes | None = field(default=None, repr=False)


def build_files(person: Person, options: ChipOptions) -> ChipFiles:
    """Every file of the profile, EF.SOD signed by a generated test PKI over the final DGs."""
    o = options.resolved()
    keys = chip_keys(o)
    dgs: dict[int, bytes] = {1: dg1(person, o.profile), 2: dg2(person)}
    if o.profile != "td3-passport":
        dgs[13] = encode_dg13(person.record)
    if keys.ca is not None or (o.access != "bac"):
        dgs[14] = tlv.encode(0x6E, security_infos(o, keys, card_access=False))
    if keys.aa is not None:
        dgs[15] = tlv.encode(0x6F, _spki(keys.aa))
    pki = generate_test_pki(algorithm="ec-brainpoolP256r1" if o.profile != "td3-passport"
                            else "ec-p256", ds_expired=o.ds_expired, ds_revoked=o.ds_revoked,
                            country=o.csca_country or "VN", seed=_seed(o.csca_country))
    # 9303-10 4.6.2: the SOD hashes every DG on the chip, DG3 too (EF.COM lists it), even
    # though terminal authentication keeps it from being read here.
    sod = build_sod({**dgs, 3: dg3_placeholder()}, pki)
    emrtd: dict[str, bytes] = {f"DG{n}": raw for n, raw in dgs.items()}
    if o.tamper_dg is not None and f"DG{o.tamper_dg}" in emrtd:
        raw = bytearray(emrtd[f"DG{o.tamper_dg}"])
        raw[-1] ^= 0x01  # after signing: passive authentication must name this DG
        emrtd[f"DG{o.tamper_dg}"] = bytes(raw)
    emrtd["DG3"] = dg3_placeholder()
    # Issue 14: withheld data groups are gone from the chip and from EF.COM (not signed, so a
    # clone edits it freely); EF.SOD still lists them.
    for n in o.hidden_dgs:
        emrtd.pop(f"DG{n}", None)
    emrtd["COM"] = com([n for n in [*dgs, 3] if n not in o.hidden_dgs])
    emrtd["SOD"] = sod
    mf: dict[str, bytes] = {}
    if o.access in ("pace", "both"):
        mf["CardAccess"] = security_infos(o, keys, card_access=True)
        if o.mapping == "cam":
            mf["CardSecurity"] = build_card_security(card_security_infos(o, keys), pki)
    elif "bac-only" in o.quirks and keys.ca is not None:
        # 9303-11 9.2.1: EF.CardAccess also carries other protocols' SecurityInfos; a BAC
        # chip may hold one with no PACEInfo at all.
        mf["CardAccess"] = security_infos(o, keys, card_access=True)
    if "ef-atr-info" in o.quirks:
        mf["ATRInfo"] = atr_info(o)
    if o.clone:
        # A clone copies every file but cannot copy the chip's private keys.
        keys = chip_keys(o, purpose="clone")
    return ChipFiles(mf, emrtd, keys, mrz_text(dgs[1]), pki.csca_der, pki.crl_der)


def atr_info(options: ChipOptions) -> bytes:
    """EF.ATR/INFO (ISO/IEC 7816-4 8.2.1.1): the extended length information DO 7F66 with
    the largest command and response APDU the chip takes (12.7.1): 65535 each when it
    announces extended length (even the "ext-length-refused" chip, which lies), else the
    short limits 261 and 258."""
    extended = options.ext_length and "no-ext-length" not in options.quirks
    command, response = (65535, 65535) if extended else (261, 258)
    return tlv.encode(0x7F66, tlv.encode(0x02, _integer(command))
                      + tlv.encode(0x02, _integer(response)))


def _integer(n: int) -> bytes:
    """A positive INTEGER's minimal content octets (a leading 00 keeps the sign bit clear)."""
    return n.to_bytes(n.bit_length() // 8 + 1, "big")


def _seed(country: str | None) -> bytes:
    """The test PKI's key seed: VN keeps the fixed seed (a CSCA imported once keeps
    verifying), another country gets keys of its own."""
    if country is None or country == "VN":
        return DEFAULT_SEED
    return DEFAULT_SEED + b"|" + country.encode("ascii")
