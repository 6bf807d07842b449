"""Passive authentication (ICAO 9303-11 5.1; 9303-12 for the certificates).

Given the raw files read from the chip and a trust store, list every check with its verdict
and the reason, so staff see *why* a document is not trusted, and the genuineness step knows
which data groups (DG14, DG15) a valid SOD covers. Hashes are over the raw bytes as read
(DESIGN: never a re-encoding). The clock is injected (`at`).

API:
    verify(files: Mapping[str, bytes], trust: TrustStore, at: datetime) -> Verification
        files keys: "COM", "SOD", "DG1".."DG16", "CardAccess", "CardSecurity"
    Verification.passed, .status, .checks, .covered, .check(name)
    Check(name, status, reason, detail); Status.PASSED / FAILED / NOT_POSSIBLE
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from icao.errors import IcaoError
from icao.lds.cms import SignedObject, parse_signed_data
from icao.lds.sod import LDS_SECURITY_OBJECT_OID, Sod, parse_sod
from icao.pki.cert import Certificate
from icao.pki.masterlist import check_signed_object, find_signer
from icao.pki.signature import digest, verify_signature
from icao.pki.store import TrustStore

ID_SECURITY_OBJECT = "0.4.0.127.0.7.3.2.1"
_DG_NAME = re.compile(r"^DG([1-9]|1[0-6])$")


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_POSSIBLE = "not_possible"


@dataclass(frozen=True)
class Check:
    name: str            # "dg_hash.DG1", "sod.signature", "ds.chain", ...
    status: Status
    reason: str          # one sentence for staff / technicians; never personal data
    detail: str = ""     # technical detail (algorithms, certificate names, hash prefixes)


#: Checks that may be "not possible" without failing the document (9303-11 5.1: CRLs are
#: a national policy matter; many states publish none).
OPTIONAL_CHECKS = frozenset({"ds.revocation", "card_security.signer.revocation"})


@dataclass(frozen=True)
class Verification:
    at: datetime
    checks: tuple[Check, ...]
    #: DGs whose raw bytes match the SOD hash under a SOD whose signature verified.
    covered: frozenset[str]
    #: DGs listed in the SOD (read or not).
    listed: frozenset[str]
    ds_subject: str | None = None
    csca_subject: str | None = None
    hash_algorithm: str | None = None
    signature_algorithm: str | None = None
    durations_ms: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    @property
    def passed(self) -> bool:
        """Every check passed (revocation may be not possible)."""
        return bool(self.checks) and all(
            c.status is Status.PASSED
            or (c.status is Status.NOT_POSSIBLE and c.name in OPTIONAL_CHECKS)
            for c in self.checks)

    @property
    def status(self) -> Status:
        if self.passed:
            return Status.PASSED
        if any(c.status is Status.FAILED for c in self.checks):
            return Status.FAILED
        return Status.NOT_POSSIBLE

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAILED)

    def trusts(self, dg: str) -> bool:
        """True when `dg` is covered by a SOD that passed every check (e.g. DG14 for CA)."""
        return self.passed and dg in self.covered


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def _ok(name: str, reason: str, detail: str = "") -> Check:
    return Check(name, Status.PASSED, reason, detail)


def _fail(name: str, reason: str, detail: str = "") -> Check:
    return Check(name, Status.FAILED, reason, detail)


def _np(name: str, reason: str, detail: str = "") -> Check:
    return Check(name, Status.NOT_POSSIBLE, reason, detail)


class _Clock:
    """Per-step wall time for `kiosk bench pa` (perf_counter; not a wall clock for `at`)."""

    def __init__(self) -> None:
        self.durations: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.durations[step] = self.durations.get(step, 0.0) + (now - self._t) * 1000.0
        self._t = now


def verify(files: Mapping[str, bytes], trust: TrustStore, at: datetime) -> Verification:
    """Run passive authentication over `files` at time `at`."""
    at = _utc(at)
    clock = _Clock()
    sod_raw = files.get("SOD")
    if sod_raw is None:
        return Verification(at, (_np("sod.present", "EF.SOD was not read; nothing can be "
                                     "verified"),), frozenset(), frozenset())
    try:
        sod = parse_sod(sod_raw)
    except IcaoError as exc:
        return Verification(at, (_fail("sod.parse", "EF.SOD is malformed", exc.message),),
                            frozenset(), frozenset())
    clock.lap("parse")
    checks: list[Check] = []
    hash_checks = _dg_hashes(files, sod)
    clock.lap("dg_hashes")
    checks.append(_content_type(sod))
    sig_checks, ds, chain = _signature_checks(sod.signed, trust, at, "sod", "ds", clock)
    checks.extend(sig_checks)
    checks.extend(hash_checks)
    if "CardSecurity" in files:
        checks.extend(_card_security(files["CardSecurity"], trust, at))
        clock.lap("card_security")

    sig_ok = all(c.status is Status.PASSED for c in checks
                 if c.name in ("sod.message_digest", "sod.signature"))
    covered = frozenset(c.name.split(".", 1)[1] for c in hash_checks
                        if c.status is Status.PASSED) if sig_ok else frozenset()
    return Verification(
        at=at,
        checks=tuple(checks),
        covered=covered,
        listed=frozenset(f"DG{n}" for n in sod.dg_hashes),
        ds_subject=ds.subject if ds else None,
        csca_subject=chain[-1].subject if chain else None,
        hash_algorithm=sod.hash_algorithm,
        signature_algorithm=sod.signed.signature_scheme,
        durations_ms=dict(clock.durations),
    )


def _dg_hashes(files: Mapping[str, bytes], sod: Sod) -> list[Check]:
    """9303-11 5.1 step 3: hash each read DG's raw bytes and compare with the SOD."""
    out = []
    names = sorted((k for k in files if _DG_NAME.match(k)), key=lambda k: int(k[2:]))
    for name in names:
        number = int(name[2:])
        expected = sod.dg_hashes.get(number)
        check = f"dg_hash.{name}"
        if expected is None:
            out.append(_fail(check, f"{name} was read but the SOD does not cover it"))
            continue
        try:
            actual = digest(sod.hash_algorithm, files[name])
        except IcaoError as exc:
            out.append(_np(check, f"{name} cannot be hashed", exc.message))
            continue
        if hmac.compare_digest(actual, expected):
            out.append(_ok(check, f"{name} matches the hash signed in the SOD",
                           sod.hash_algorithm))
        else:
            # No hash values in the detail: a hash of DG1 would let anyone holding the log
            # confirm a guessed MRZ offline.
            out.append(_fail(check, f"{name} was changed: its hash differs from the SOD",
                             sod.hash_algorithm))
    return out


def _content_type(sod: Sod) -> Check:
    """9303-10 D.1: eContentType is id-icao-mrtd-security-ldsSecurityObject, and RFC 5652
    11.1: the signed contentType attribute must say the same."""
    signed = sod.signed
    if sod.econtent_type != LDS_SECURITY_OBJECT_OID:
        return _fail("sod.content_type", "EF.SOD uses a non-conformant content type",
                     f"eContentType {sod.econtent_type}, expected {LDS_SECURITY_OBJECT_OID}")
    if signed.has_signed_attrs and signed.content_type_attr != signed.econtent_type:
        return _fail("sod.content_type", "the signed content type differs from the content",
                     f"contentType attribute {signed.content_type_attr}")
    return _ok("sod.content_type", "EF.SOD holds an LDS security object", sod.econtent_type)


def _signer(signed: SignedObject) -> Certificate | None:
    try:
        return find_signer(signed)
    except IcaoError:
        return None


def _signature_checks(
        signed: SignedObject, trust: TrustStore, at: datetime, prefix: str, cert_prefix: str,
        clock: _Clock | None = None,
) -> tuple[list[Check], Certificate | None, tuple[Certificate, ...] | None]:
    """RFC 5652 5.4/11 and 9303-11 5.1 steps 1-2: digest, signature, certificate, chain, CRL."""
    clock = clock or _Clock()
    out: list[Check] = []
    if signed.has_signed_attrs:
        try:
            actual = digest(signed.digest_algorithm, signed.econtent)
            if signed.message_digest is None:
                out.append(_fail(f"{prefix}.message_digest",
                                 "signed attributes lack the messageDigest"))
            elif hmac.compare_digest(actual, signed.message_digest):
                out.append(_ok(f"{prefix}.message_digest",
                               "the signed digest matches the content", signed.digest_algorithm))
            else:
                out.append(_fail(f"{prefix}.message_digest",
                                 "the content differs from what was signed"))
        except IcaoError as exc:
            out.append(_np(f"{prefix}.message_digest", "digest algorithm not supported",
                           exc.message))
    clock.lap("message_digest")
    ds = _signer(signed)
    clock.lap("signer_certificate")
    if ds is None:
        out.append(_np(f"{prefix}.signature", "the signer's certificate is not in the file; "
                       "the signature cannot be checked"))
        return out, None, None
    try:
        verify_signature(ds.public_key(), signed.signature_scheme, signed.digest_algorithm,
                         signed.signature, signed.signed_bytes, pss=signed.pss_params())
        out.append(_ok(f"{prefix}.signature", "the document signer's signature is valid",
                       f"{signed.signature_scheme} {signed.digest_algorithm}"))
    except IcaoError as exc:
        status = _fail if type(exc).__name__ == "CryptoError" else _np
        out.append(status(f"{prefix}.signature", "the document signer's signature is not valid"
                          if status is _fail else "the signature algorithm is not supported",
                          exc.message))
    clock.lap("signature")
    if ds.valid_at(at):
        out.append(_ok(f"{cert_prefix}.validity", "the document signer certificate is valid "
                       "at the verification time", f"{ds.not_before:%Y-%m-%d}.."
                       f"{ds.not_after:%Y-%m-%d}"))
    else:
        out.append(_fail(f"{cert_prefix}.validity",
                         "the document signer certificate has expired" if at > ds.not_after
                         else "the document signer certificate is not yet valid",
                         f"{ds.not_before:%Y-%m-%d}..{ds.not_after:%Y-%m-%d}"))
    chain = trust.find_chain(ds)
    clock.lap("chain")
    if chain is None:
        candidates = trust.issuers_of(ds)
        if candidates:
            out.append(_fail(f"{cert_prefix}.chain", "the document signer certificate does "
                             "not verify under any CSCA of that name in the trust store; if "
                             "the country renewed its CSCA, import the current master list",
                             f"issuer {ds.issuer}"))
        else:
            out.append(_np(f"{cert_prefix}.chain", "the issuing country's CSCA is not in the "
                           "trust store; import its master list or CSCA",
                           f"issuer {ds.issuer}"))
        return out, ds, None
    csca = chain[-1]
    out.append(_ok(f"{cert_prefix}.chain", "the document signer chains to a trusted CSCA",
                   " <- ".join(c.subject for c in chain)))
    if not csca.valid_at(at):
        out.append(_fail("csca.validity", "the CSCA certificate is not valid at the "
                         "verification time", f"{csca.not_before:%Y-%m-%d}.."
                         f"{csca.not_after:%Y-%m-%d}"))
    else:
        out.append(_ok("csca.validity", "the CSCA certificate is valid at the verification "
                       "time"))
    out.append(_revocation(ds, chain[0], trust, at, cert_prefix))
    clock.lap("revocation")
    return out, ds, chain


def _revocation(ds: Certificate, issuer: Certificate, trust: TrustStore, at: datetime,
                cert_prefix: str) -> Check:
    """RFC 5280 6.3 with the CSCA's CRL (9303-12 7.1.4)."""
    name = f"{cert_prefix}.revocation"
    crl = trust.crl_for(issuer)
    if crl is None:
        return _np(name, "no CRL from this CSCA in the trust store; revocation unknown",
                   f"issuer {issuer.subject}")
    revoked_at = crl.revocation_of(ds.serial)
    if revoked_at is not None and revoked_at <= at:
        return _fail(name, "the document signer certificate has been revoked",
                     f"revoked {revoked_at:%Y-%m-%d}")
    if crl.next_update is not None and crl.next_update < at:
        return _np(name, "the CRL is out of date; import a newer one",
                   f"next update {crl.next_update:%Y-%m-%d}")
    return _ok(name, "the document signer certificate is not revoked",
               f"CRL of {crl.this_update:%Y-%m-%d}")


def _card_security(raw: bytes, trust: TrustStore, at: datetime) -> list[Check]:
    """BSI TR-03110-3 A.1.2.2 / 9303-11 9.2: EF.CardSecurity is signed like EF.SOD."""
    try:
        signed = parse_signed_data(raw, what="EF.CardSecurity")
    except IcaoError as exc:
        return [_fail("card_security.parse", "EF.CardSecurity is malformed", exc.message)]
    checks, _, _ = _signature_checks(signed, trust, at, "card_security", "card_security.signer")
    drop = {"csca.validity"}  # reported once, for the SOD
    return [c for c in checks if c.name not in drop]


__all__ = ["Check", "Status", "Verification", "verify", "check_signed_object"]
