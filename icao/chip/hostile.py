"""Hostile-chip modes for the emulated eMRTD (issue 10): a card that lies on purpose.

Each mode makes the strict chip misbehave in one way a broken or malicious card could, so the
reader (`icao.reader`, `nfc.PcscTransport`, `icao.pki`, `icao.genuine`) can be shown to end
with a typed error, in bounded time and memory, and never to call such a card genuine.
Selected like the other faults: `Faults(hostile="replay")`, `Faults.parse(["hostile:replay"])`
or `kiosk chip --fault hostile:replay`. docs/hardening.md says what each mode does and what
the reader does about it.

File modes change the chip's files after EF.SOD was signed (an attacker cannot re-sign, so
passive authentication must fail on them); APDU modes change answers on the wire. Nothing here
is used by the kiosk itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Protocol

from asn1crypto import cms, core
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from icao import iso7816, tlv
from icao.apdu import Command
from icao.chip.faults import MODES, validate_mode
from icao.chip.lds_build import ID_PACE, ChipFiles, pace_oid
from icao.chip.options import ChipOptions
from icao.chip.smcard import CardSecureMessaging
from icao.chip.sod import build_sod
from icao.chip.testpki import TestPki
from icao.lds.security_infos import PaceInfoAsn1
from icao.lds.sod import SOD_TAG, parse_sod

__all__ = ["MODES", "Hostile", "nested", "validate"]

NESTING = 1000
HUGE_CLAIM = 16 * 1024 * 1024
OVERCLAIM = 4000
#: How long a never-answering card holds an APDU at most (a safety net for the rig: the test
#: releases it as soon as the reader has given up).
SILENCE_LIMIT = 120.0
UNKNOWN_OID = "1.3.6.1.4.1.99999.1"  # a private arc nobody assigns to PACE

_READS = (iso7816.INS_READ_BINARY, iso7816.INS_READ_BINARY_ODD)
_GET_RESPONSE = 0xC0


#: The mode names live in `icao.chip.faults` (options validate them without this module).
validate = validate_mode


class ChipState(Protocol):
    """What a hostile mode looks at in the chip (`icao.chip.card.EmulatedChip`)."""

    @property
    def secure(self) -> bool: ...

    @property
    def current_file(self) -> str | None: ...


def nested(depth: int, tag: int = 0x30, leaf: bytes = b"\x04\x00") -> bytes:
    """`depth` constructed TLVs, each holding the next, with correct definite lengths."""
    value = leaf
    for _ in range(depth):
        value = tlv.encode(tag, value)
    return value


class Hostile:
    """One hostile behaviour of one chip: file rewrites at build, answer rewrites per APDU."""

    def __init__(self, mode: str):
        self.mode = validate(mode)
        self._release = threading.Event()
        self._last_protected: bytes | None = None
        #: APDUs held without an answer (never-answer), for the test's report.
        self.silenced = 0

    def __repr__(self) -> str:
        return f"Hostile({self.mode!r})"

    def release(self) -> None:
        """Let a never-answering card answer again (tests call this before removing it)."""
        self._release.set()

    # -- files ------------------------------------------------------------------------------
    def files(self, files: ChipFiles, options: ChipOptions) -> ChipFiles:
        mode = self.mode
        emrtd, mf = dict(files.emrtd), dict(files.mf)
        if mode == "tlv-overclaim":
            emrtd["DG1"] = _reheader(emrtd["DG1"], OVERCLAIM)
        elif mode == "huge-dg":
            emrtd["DG2"] = _reheader(emrtd["DG2"], HUGE_CLAIM)
        elif mode == "deep-tlv-dg":
            emrtd["DG13"] = tlv.encode(0x6D, nested(NESTING - 1))
        elif mode == "deep-tlv-card-access":
            mf["CardAccess"] = tlv.encode(0x31, nested(NESTING - 1))
        elif mode.startswith("card-access-"):
            mf["CardAccess"] = _card_access(mode, options)
        elif mode == "cert-loop":
            emrtd["SOD"] = _loop_signed_sod(emrtd, options)
        else:
            return files
        return replace(files, emrtd=emrtd, mf=mf)

    # -- APDUs ------------------------------------------------------------------------------
    def before(self, chip: ChipState, apdu: bytes) -> bytes | None:
        """An answer that replaces the chip's, decided from the raw command; None: go on."""
        if len(apdu) < 4:
            return None
        ins = apdu[1]
        if self.mode == "endless-61xx" and (ins in _READS or ins == _GET_RESPONSE):
            return bytes(16) + b"\x61\x10"  # ISO/IEC 7816-4 5.1.3: "16 more bytes", forever
        protected = chip.secure and apdu[0] & 0x0C == 0x0C
        if not protected or ins not in _READS:
            return None
        if self.mode == "never-answer":
            self.silenced += 1
            self._release.wait(SILENCE_LIMIT)
            return b"\x6f\x00"
        if self.mode == "downgrade-9000":
            return b"\x90\x00"
        return None

    def protected(self, chip: ChipState, sm: CardSecureMessaging, inner: Command,
                  data: bytes, sw: int, wrap: Callable[[bytes, int], bytes]) -> bytes:
        """The protected answer to `inner` (already unwrapped), honest unless this mode lies."""
        mode = self.mode
        is_read = inner.ins in _READS
        if mode == "downgrade-data" and is_read:
            return data + sw.to_bytes(2, "big")  # plain, as if SM had never started
        if mode == "wrong-sw-valid-mac" and is_read and chip.current_file == "DG1":
            return wrap(b"", 0x6A82)  # a valid MAC over "file not found"
        answer = wrap(data, sw)
        if mode == "do87-overclaim" and is_read and chip.current_file == "DG1" and data \
                and answer[:1] == b"\x87":
            _tag, header, _length = tlv.header_length(answer)
            answer = b"\x87\x82\xff\xff" + answer[header:]
        if mode == "replay" and is_read:
            previous, self._last_protected = self._last_protected, answer
            if previous is not None:
                return previous
        elif mode == "replay":
            self._last_protected = answer
        return answer


def _reheader(raw: bytes, claim: int) -> bytes:
    """The same tag and value with a length field claiming `claim` bytes."""
    tag, header, _length = tlv.header_length(raw)
    return tlv.encode_tag(tag) + tlv.encode_length(claim) + raw[header:]


def _card_access(mode: str, options: ChipOptions) -> bytes:
    def info(oid: str, pid: int) -> bytes:
        return PaceInfoAsn1({"protocol": oid, "version": 2, "parameter_id": pid}).dump()

    if mode == "card-access-unknown-oid":
        items = [tlv.encode(0x30, core.ObjectIdentifier(UNKNOWN_OID).dump()
                            + core.Integer(1).dump())]
    elif mode == "card-access-unknown-param":
        items = [info(pace_oid(options), 99)]
    elif mode == "card-access-contradictory":
        # 9303-11 9.2.3/9.5.1: DH-GM (arc 1) needs a DH group (0-2), ECDH-GM (arc 2) a curve.
        items = [info(f"{ID_PACE}.1.2", 13), info(f"{ID_PACE}.2.2", 0)]
    else:  # pragma: no cover - MODES and this function move together
        raise ValueError(mode)
    return tlv.encode(0x31, b"".join(sorted(items)))


@lru_cache(maxsize=4)
def _loop_pki(country: str, now_day: str) -> tuple[TestPki, tuple[bytes, bytes]]:
    """A DS whose issuer chain loops: LA (CSCA name, key a) signed by key b, LB (key b)
    signed by key a; the DS is signed by key a. No certificate is self-signed."""
    now = datetime.fromisoformat(now_day).replace(tzinfo=UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, country),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                             "Chip ID kiosk test PKI"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ka, kb, kd = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    a_name, b_name = name(f"CSCA {country} test"), name(f"CSCA {country} loop")

    def cert(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
             signer: ec.EllipticCurvePrivateKey, serial: int, ca: bool) -> x509.Certificate:
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
             .public_key(key.public_key()).serial_number(serial)
             .not_valid_before(now - timedelta(days=30))
             .not_valid_after(now + timedelta(days=3650))
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                 signer.public_key()), False))
        if ca:
            b = b.add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        return b.sign(signer, hashes.SHA256())

    la = cert(a_name, ka, b_name, kb, 0x1A, True)
    lb = cert(b_name, kb, a_name, ka, 0x1B, True)
    ds = cert(name(f"DS {country} loop"), kd, a_name, ka, 0x1D, False)
    pki = TestPki(algorithm="ec-p256", now=now, csca_der=la.public_bytes(Encoding.DER),
                  ds_der=ds.public_bytes(Encoding.DER), crl_der=None, csca_key=ka, ds_key=kd)
    return pki, (la.public_bytes(Encoding.DER), lb.public_bytes(Encoding.DER))


def _loop_signed_sod(emrtd: dict[str, bytes], options: ChipOptions) -> bytes:
    """EF.SOD over the same data groups, signed under the loop, with LA and LB embedded in
    SignedData.certificates (RFC 5652 5.1: not covered by the signature)."""
    numbers = sorted(parse_sod(emrtd["SOD"]).dg_hashes)
    dgs = {n: emrtd[f"DG{n}"] for n in numbers if f"DG{n}" in emrtd}
    pki, links = _loop_pki("VN", datetime.now(UTC).date().isoformat())
    sod = build_sod(dgs, pki)
    info = cms.ContentInfo.load(tlv.decode(sod).value)
    signed = info["content"]
    certs = [c.chosen for c in signed["certificates"]]
    certs += [ax509.Certificate.load(der) for der in links]
    signed["certificates"] = cms.CertificateSet([cms.CertificateChoices(
        name="certificate", value=c) for c in certs])
    return tlv.encode(SOD_TAG, info.dump(force=True))
