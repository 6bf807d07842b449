"""Documents for the PKI, verdict and inspection tests: real DG encodings (a TD1 DG1 of any
state, a DG2 around any image, DG13), signed by test PKIs of any country."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from icao import tlv
from icao.chip.lds_build import com, facial_record
from icao.chip.sod import build_sod
from icao.chip.testpki import TestPki, generate_test_pki
from icao.lds.dg13 import encode_dg13
from icao.mrz import format_td1
from icao.pki.store import TrustStore

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def dg1(state: str = "VNM") -> bytes:
    """61 { 5F1F TD1 MRZ } of a synthetic citizen, issued by `state` (ICAO 9303-3 code)."""
    text = format_td1(id_number="001099012345", birth_date="990101", expiry_date="390101",
                      sex="M", surname="NGUYEN", given_names="VAN AN", issuing_state=state,
                      nationality=state)
    return tlv.encode(0x61, tlv.encode(0x5F1F, text.replace("\n", "").encode("ascii")))


def image(fmt: str = "JPEG", size: tuple[int, int] = (60, 80)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 150, 120)).save(out, format=fmt)
    return out.getvalue()


def dg2(picture: bytes | None = None) -> bytes:
    """75 { 7F61 { 02 01, 7F60 { A1 BHT, 5F2E 19794-5 record } } } around `picture`."""
    record = facial_record(picture if picture is not None else image())
    template = tlv.encode(0x7F60, tlv.encode(0xA1, tlv.encode(0x80, b"\x01\x01"))
                          + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + template))


DG13 = encode_dg13({"id_number": "001099012345", "full_name": "Nguyễn Văn An",
                    "date_of_birth": "01/01/1999"})
DG14 = b"\x6e\x02\x31\x00"          # an empty SecurityInfos SET: enough for hashing
DG15 = tlv.encode(0x6F, ec.derive_private_key(0xA11CE, ec.SECP256R1()).public_key().public_bytes(
    Encoding.DER, PublicFormat.SubjectPublicKeyInfo))  # an AA key (9303-10 4.7.15)


def vn_dgs(state: str = "VNM", picture: bytes | None = None) -> dict[int, bytes]:
    """The DGs of the VN profile (DG1, DG2, DG13, DG14, DG15)."""
    return {1: dg1(state), 2: dg2(picture), 13: DG13, 14: DG14, 15: DG15}


def pki(country: str = "VN", *, algorithm: str = "ec-p256", **kw: bool) -> TestPki:
    """A test CSCA + DS of `country`; keys differ per country (their own seed)."""
    seed = b"chip-id-kiosk test PKI v1" if country == "VN" else f"test PKI {country}".encode()
    return generate_test_pki(algorithm=algorithm, now=NOW, country=country, seed=seed, **kw)


def files(signer: TestPki, dgs: dict[int, bytes] | None = None, *,
          with_com: bool = True, signed: dict[int, bytes] | None = None) -> dict[str, bytes]:
    """EF files as read: the DGs, EF.COM listing them, and EF.SOD over `signed` (default:
    the same DGs)."""
    dgs = vn_dgs() if dgs is None else dgs
    out = {f"DG{n}": raw for n, raw in dgs.items()}
    out["SOD"] = build_sod(signed if signed is not None else dgs, signer)
    if with_com:
        out["COM"] = com(list(dgs))
    return out


def store(*pkis: TestPki, crl: bool = True) -> TrustStore:
    s = TrustStore()
    for p in pkis:
        s.add_certificate(p.csca_der)
        if crl and p.crl_der:
            s.add_crl(p.crl_der)
    return s
