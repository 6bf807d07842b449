"""One harness per fuzz target: bytes in, the parser's typed error (or a result) out.

A harness feeds the input to the parser exactly as card or camera data reaches it, then
touches what a caller would touch on success (properties, embedded keys and certificates,
the portrait decoder), because asn1crypto parses lazily and a malformed field may only blow
up when it is read. Every exception that is an instance of the target's `allowed` types is
the contract working; anything else escaping a harness is a finding.

Contracts (each parser's docstring):
- icao.tlv, icao.mrz, icao.lds.*, icao.pki.*: `icao.errors.ParseError`; where a parser goes
  on to keys, curves or signatures other `IcaoError` subclasses (UnsupportedProtocol,
  CryptoError) are typed too, so the icao targets allow `IcaoError` except tlv and mrz, which
  are documented as ParseError only.
- icao.sm.SecureMessaging.unprotect: `SecureMessagingError` (incl. UnprotectedStatus) only.
- kiosk.capture.qr_payload.parse_payload: `kiosk.capture.errors.CaptureError`.

Some harnesses read a first "mode" byte that the seeds set (documented per target and in
docs/fuzzing.md): it lets one target reach code behind a signature or MAC check that random
bytes cannot pass, by having the harness sign or MAC what the fuzzer wrote, the usual
libFuzzer answer to checksums.

Import this module inside `atheris.instrument_imports()` so the parsers are instrumented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from icao import mrz, tlv
from icao.crypto import AES128, TDES, CipherSpec
from icao.errors import IcaoError, ParseError, SecureMessagingError
from icao.lds.card_security import parse_card_security
from icao.lds.com import parse_com
from icao.lds.dg1 import parse_dg1
from icao.lds.dg2 import parse_dg2
from icao.lds.dg11 import parse_dg11
from icao.lds.dg12 import parse_dg12
from icao.lds.dg13 import parse_dg13
from icao.lds.dg15 import parse_dg15
from icao.lds.dg16 import parse_dg16
from icao.lds.security_infos import parse_security_infos
from icao.lds.sod import parse_sod
from icao.pki.cert import parse_certificate
from icao.pki.crl import parse_crl
from icao.pki.masterlist import check_signed_object, find_signer, parse_master_list
from icao.sm import SecureMessaging, SmCodec
from kiosk.capture.errors import CaptureError
from kiosk.capture.qr_payload import parse_payload

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DATA = HERE / "data"

#: The injected clock of every harness: results must not depend on the day the fuzzer runs.
TODAY = date(2026, 1, 15)

#: The fixed secure-messaging session of the sm target (test keys, nothing real).
SM_KEYS: dict[str, tuple[CipherSpec, bytes, bytes]] = {
    "aes128": (AES128, bytes.fromhex("2F7F46ADCC9E7E521B45D192FAFA9126"),
               bytes.fromhex("805A1D27D45A5116F73C54469462B7D8")),
    "3des": (TDES, bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
             bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8")),
}
SM_SSC = 0x887022120C06C226  # the counter before the command the response answers
SM_MODE_3DES = 0x01         # mode byte bit 0: 3DES session instead of AES-128
SM_MODE_FIX_MAC = 0x02      # bit 1: the harness recomputes DO8E so decryption is reached
SM_MODE_PROTECT = 0x04      # bit 2: protect a READ BINARY first (SSC restore on bare SW)

ML_MODE_CONTENT = 0x01      # masterlist mode byte bit 0: input is the CscaMasterList content

Harness = Callable[[bytes], None]


@dataclass(frozen=True)
class Target:
    name: str
    harness: Harness
    allowed: tuple[type[BaseException], ...]
    what: str


def _text(data: bytes) -> str:
    """Camera-side text: the decoders hand us str; any byte sequence maps to some str."""
    return data.decode("utf-8", errors="replace")


def _typed(allowed: tuple[type[BaseException], ...], fn: Callable[[], object]) -> object:
    """Run one call; swallow its typed errors so later calls on the same input still run."""
    try:
        return fn()
    except allowed:
        return None


# --- icao ------------------------------------------------------------------------------------

def fuzz_tlv(data: bytes) -> None:
    parsed = _typed((ParseError,), lambda: tlv.decode_all(data))
    for el in parsed or ():
        if el.constructed:
            _typed((ParseError,), el.children)
            _typed((ParseError,), lambda el=el: el.find(0x5F1F))
    _typed((ParseError,), lambda: list(tlv.iter_tree(data)))
    _typed((ParseError,), lambda: tlv.decode(data))
    _typed((ParseError,), lambda: tlv.header_length(data))


def fuzz_mrz(data: bytes) -> None:
    text = _text(data)
    _typed((ParseError,), lambda: mrz.parse(text, strict=True))
    parsed = mrz.parse(text, strict=False)
    _ = (parsed.valid, parsed.failed_checks, parsed.can, parsed.mrz_information, repr(parsed))
    parsed.birth_as_date(today=TODAY)
    parsed.expiry_as_date(today=TODAY)


def fuzz_com(data: bytes) -> None:
    com = parse_com(data)
    _ = (com.data_groups, com.lds_version_text)


def fuzz_dg1(data: bytes) -> None:
    dg1 = parse_dg1(data)
    _ = (dg1.text, dg1.mrz.valid, dg1.mrz.mrz_information, repr(dg1))
    dg1.mrz.birth_as_date(today=TODAY)


def fuzz_dg2(data: bytes) -> None:
    dg2 = parse_dg2(data)
    repr(dg2)
    for portrait in dg2.portraits:
        portrait.decode()   # the C image decoders see the bytes too; ParseError only


def fuzz_dg11(data: bytes) -> None:
    parse_dg11(data)


def fuzz_dg12(data: bytes) -> None:
    parse_dg12(data)


def fuzz_dg13(data: bytes) -> None:
    dg13 = parse_dg13(data)
    repr(dg13)
    for f in dg13.fields.values():
        _ = (f.text, repr(f))


def fuzz_dg16(data: bytes) -> None:
    repr(parse_dg16(data))


def fuzz_dg14(data: bytes) -> None:
    """DG14 / EF.CardAccess (SecurityInfos) and EF.CardSecurity (signed SecurityInfos)."""
    infos = _typed((IcaoError,), lambda: parse_security_infos(data))
    for key in getattr(infos, "ca_public_keys", ()):
        _typed((IcaoError,), key.public_key)
    card_security = _typed((IcaoError,), lambda: parse_card_security(data))
    if card_security is not None:
        _signed_object_checks(card_security.signed)


def fuzz_dg15(data: bytes) -> None:
    dg15 = parse_dg15(data)
    dg15.public_key()


def _signed_object_checks(signed) -> None:  # type: ignore[no-untyped-def]
    """What passive authentication does next: embedded certificates, signer, signature."""
    for der in signed.certificates:
        cert = _typed((IcaoError,), lambda der=der: parse_certificate(der))
        if cert is not None:
            _typed((IcaoError,), cert.public_key)
            _ = (cert.subject_key, cert.issuer_key)
    signer = _typed((IcaoError,), lambda: find_signer(signed))
    if signer is not None:
        _typed((IcaoError,), lambda: check_signed_object(signed, signer))


def fuzz_sod(data: bytes) -> None:
    sod = parse_sod(data)
    _ = (sod.conformant_content_type, sorted(sod.dg_hashes))
    _signed_object_checks(sod.signed)


@lru_cache(maxsize=1)
def _ml_root() -> bytes:
    return (DATA / "masterlist_root.der").read_bytes()


@lru_cache(maxsize=1)
def _ml_signing_pki():  # type: ignore[no-untyped-def]
    """A test PKI made in this process: its CSCA is the root, its DS signs content-mode lists."""
    from icao.chip.testpki import generate_test_pki

    return generate_test_pki(algorithm="ec-p256", with_crl=False)


def fuzz_masterlist(data: bytes) -> None:
    """Mode byte bit 0 clear: the rest is a master-list file, checked against the committed
    root. Set: the rest is the CscaMasterList content, which the harness signs with a test
    DS so the certificate-list parser behind the signature check is fuzzed too."""
    if not data:
        return
    body = data[1:]
    if data[0] & ML_MODE_CONTENT:
        from icao.chip.sod import sign_cms
        from icao.pki.masterlist import ID_CSCA_MASTER_LIST

        pki = _ml_signing_pki()
        ml = parse_master_list(sign_cms(ID_CSCA_MASTER_LIST, body, pki), pki.csca_der)
    else:
        ml = parse_master_list(body, _ml_root())
    for cert in ml.certificates:
        _typed((IcaoError,), cert.public_key)


def fuzz_crl(data: bytes) -> None:
    crl = parse_crl(data)
    crl.revocation_of(0x0D5)
    root = parse_certificate(_ml_root())
    _typed((IcaoError,), lambda: crl.verify_issued_by(root))


def _fix_mac(spec: CipherSpec, k_mac: bytes, body: bytes) -> bytes:
    """Replace DO8E with the MAC the session expects over the DO85/87/99 that precede it."""
    try:
        elements = tlv.decode_all(body)
    except ParseError:
        return body
    codec = SmCodec(spec, bytes(spec.key_len), k_mac, SM_SSC + 1)
    out, mac_input = b"", b""
    for el in elements:
        if el.tag == 0x8E:
            out += tlv.encode(0x8E, codec.mac(mac_input))
            continue
        if el.tag in (0x85, 0x87, 0x99):
            mac_input += el.raw
        out += el.raw
    return out


def fuzz_sm(data: bytes) -> None:
    """Mode byte, then a response APDU (data + SW) for a fixed SM session."""
    if not data:
        return
    mode, response = data[0], data[1:]
    spec, k_enc, k_mac = SM_KEYS["3des" if mode & SM_MODE_3DES else "aes128"]
    if mode & SM_MODE_FIX_MAC and len(response) >= 2:
        response = _fix_mac(spec, k_mac, response[:-2]) + response[-2:]
    if mode & SM_MODE_PROTECT:
        from icao.apdu import Command

        session = SecureMessaging(spec, k_enc, k_mac, SM_SSC - 1)
        session.protect(Command(0x00, 0xB0, 0x00, 0x00, le=0x20))
    else:
        session = SecureMessaging(spec, k_enc, k_mac, SM_SSC)
    session.unprotect(response)


# --- kiosk -----------------------------------------------------------------------------------

def fuzz_qr(data: bytes) -> None:
    text = _text(data)
    _typed((CaptureError,), lambda: parse_payload(text))
    capture = parse_payload(text, today=TODAY)
    _ = (capture.note, repr(capture), capture.access_key())
    capture.confirmed_by_chip(capture.id_number)


_LDS = (IcaoError,)

TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("tlv", fuzz_tlv, (ParseError,), "icao.tlv BER-TLV decoder"),
    Target("mrz", fuzz_mrz, (ParseError,), "icao.mrz.parse (TD1/TD2/TD3 text)"),
    Target("com", fuzz_com, _LDS, "EF.COM"),
    Target("dg1", fuzz_dg1, _LDS, "DG1 (MRZ on the chip)"),
    Target("dg2", fuzz_dg2, _LDS, "DG2: 19794-5 and 39794-5 face records, portrait decode"),
    Target("dg11", fuzz_dg11, _LDS, "DG11 additional personal details"),
    Target("dg12", fuzz_dg12, _LDS, "DG12 additional document details"),
    Target("dg13", fuzz_dg13, _LDS, "DG13 (Vietnam CCCD details)"),
    Target("dg14", fuzz_dg14, _LDS, "DG14 / EF.CardAccess SecurityInfos, EF.CardSecurity"),
    Target("dg15", fuzz_dg15, _LDS, "DG15 active-authentication public key"),
    Target("dg16", fuzz_dg16, _LDS, "DG16 persons to notify"),
    Target("sod", fuzz_sod, _LDS, "EF.SOD / CMS SignedData, embedded DSC, signature"),
    Target("masterlist", fuzz_masterlist, _LDS, "CSCA master list (CMS + certificate list)"),
    Target("crl", fuzz_crl, _LDS, "CSCA certificate revocation list"),
    Target("sm", fuzz_sm, (SecureMessagingError,), "SecureMessaging.unprotect, fixed session"),
    Target("qr", fuzz_qr, (CaptureError,), "CCCD QR payload parser"),
)}


def preload() -> None:
    """Import what the parsers import lazily, so that atheris instruments it too (call inside
    `atheris.instrument_imports()`): Pillow and its image plugins (the portrait header
    readers behind DG2), the CMS signer of the masterlist content mode."""
    from PIL import Image

    Image.init()
    import icao.apdu  # noqa: F401
    import icao.chip.sod  # noqa: F401


def corpus_files(name: str) -> list[Path]:
    folder = CORPUS / name
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
