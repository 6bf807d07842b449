"""Passive authentication (ICAO 9303-11 5.1; 9303-12 for the certificates; BSI TR-03105-5).

Given the raw files read from the chip and a trust store, list every check with its verdict,
a stable reason code and a sentence, so staff see *why* a document is not trusted, and the
genuineness step knows which data groups (DG14, DG15) a valid SOD covers. Hashes are over the
raw bytes as read (DESIGN: never a re-encoding). The clock is injected (`at`).

Order matters for "verify before decode": EF.SOD is parsed and the DG hashes and the SOD
signature checked first; only then does the `Decoder` allow the DGs that matched, and DG1 is
parsed (for its issuing state) only if it is one of them.

API:
    verify(files, trust, at, policy=None, *, refused=()) -> Verification
        files keys: "COM", "SOD", "DG1".."DG16", "CardAccess", "CardSecurity"; `refused`: DGs
        the chip was asked for and answered "not found" / "not allowed" (Document.absent,
        Document.denied)
    verify_decoded(decoder, trust, at, policy=None, *, refused=()) -> Verification
        the same over an `icao.lds.decoder.Decoder`, which then holds the verified views
    Verification.passed, .status, .checks, .covered, .revocation, .check(name), .failed()
    Check(name, status, reason, detail, code, files); Status.PASSED / FAILED / NOT_POSSIBLE
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from icao.errors import IcaoError
from icao.lds.decoder import Decoder
from icao.lds.sod import LDS_SECURITY_OBJECT_OID, Sod
from icao.pki import coverage
from icao.pki.checks import Check, Status, fail, not_possible, ok
from icao.pki.countries import alpha2_of
from icao.pki.masterlist import check_signed_object
from icao.pki.policy import PkiPolicy
from icao.pki.signer import certificate_checks, country_check, signature_checks
from icao.pki.store import TrustStore
from icao.reasons import Reason

#: Checks that may be "not possible" without failing the document, unless the policy requires
#: a CRL (9303-11 5.1: CRLs are a national policy matter; many states publish none).
OPTIONAL_CHECKS = frozenset({"ds.revocation", "card_security.signer.revocation"})

Revocation = Literal["not_revoked", "revoked", "not_checked"]


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
    policy: PkiPolicy = field(default_factory=PkiPolicy)
    #: The ICAO 9303-3 code of the issuing state, from a verified DG1 (None when not read).
    issuing_state: str | None = None
    #: The document signer certificate's countryName ("VN").
    signer_country: str | None = None

    def _optional(self, check: Check) -> bool:
        return check.name in OPTIONAL_CHECKS and not self.policy.require_crl

    @property
    def passed(self) -> bool:
        """Every check passed (revocation may be not possible unless the policy requires it)."""
        return bool(self.checks) and all(
            c.status is Status.PASSED or (c.status is Status.NOT_POSSIBLE and self._optional(c))
            for c in self.checks)

    @property
    def status(self) -> Status:
        if self.passed:
            return Status.PASSED
        if any(c.status is Status.FAILED for c in self.checks):
            return Status.FAILED
        return Status.NOT_POSSIBLE

    @property
    def revocation(self) -> Revocation:
        """The DS revocation result: "not_checked" when no current CRL was available."""
        check = self.check("ds.revocation")
        if check is not None and check.status is Status.PASSED:
            return "not_revoked"
        if check is not None and check.status is Status.FAILED:
            return "revoked"
        return "not_checked"

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAILED)

    def blocking(self) -> tuple[Check, ...]:
        """The checks that keep the document from passing: failed, or not possible and not
        optional under the policy."""
        return tuple(c for c in self.checks if c.status is Status.FAILED or (
            c.status is Status.NOT_POSSIBLE and not self._optional(c)))

    def trusts(self, dg: str) -> bool:
        """True when `dg` is covered by a SOD that passed every check (e.g. DG14 for CA)."""
        return self.passed and dg in self.covered

    def trusts_card_security(self) -> bool:
        """True when EF.CardSecurity (the PACE-CAM key) was verified with everything else."""
        check = self.check("card_security.signature")
        return self.passed and check is not None and check.status is Status.PASSED


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


class _Clock:
    """Per-step wall time for `kiosk bench pa` (perf_counter; not a wall clock for `at`)."""

    def __init__(self) -> None:
        self.durations: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.durations[step] = self.durations.get(step, 0.0) + (now - self._t) * 1000.0
        self._t = now


def verify(files: Mapping[str, bytes], trust: TrustStore, at: datetime,
           policy: PkiPolicy | None = None, *, refused: Collection[str] = ()) -> Verification:
    """Run passive authentication over `files` at time `at`."""
    return verify_decoded(Decoder(files), trust, at, policy, refused=refused)


def verify_decoded(decoder: Decoder, trust: TrustStore, at: datetime,
                   policy: PkiPolicy | None = None, *,
                   refused: Collection[str] = ()) -> Verification:
    """Passive authentication over the files of `decoder`; allows the DGs it verified."""
    policy = policy or PkiPolicy()
    at = _utc(at)
    clock = _Clock()
    files = decoder.files
    empty = frozenset[str]()
    if "SOD" not in files:
        return Verification(at, (not_possible("sod.present", Reason.SOD_MISSING, "EF.SOD was "
                                              "not read; nothing can be verified"),),
                            empty, empty, policy=policy)
    try:
        sod = decoder.sod()
    except IcaoError as exc:
        return Verification(at, (fail("sod.parse", Reason.MALFORMED, "EF.SOD is malformed",
                                      exc.message),), empty, empty, policy=policy)
    assert sod is not None  # "SOD" is in files and has a parser
    clock.lap("parse")
    hash_checks = coverage.dg_hashes(files, sod)
    clock.lap("dg_hashes")
    sig_checks, ds = signature_checks(sod.signed, "sod", clock.lap)
    sig_ok = ds is not None and all(c.status is Status.PASSED for c in sig_checks)
    covered = frozenset(c.files[0] for c in hash_checks
                        if c.status is Status.PASSED) if sig_ok else empty
    decoder.allow(covered)
    state, state_problem = _issuing_state(decoder)
    checks = [_content_type(sod), *sig_checks]
    chain = None
    if ds is not None:
        countries = _countries(state, ds.country)
        cert_checks, chain = certificate_checks(ds, trust, at, "ds", countries, clock.lap)
        checks.extend(cert_checks)
        checks.append(state_problem or country_check("ds.country", ds, chain, state))
    elif state_problem is not None:
        checks.append(state_problem)
    checks.extend(hash_checks)
    checks.extend(_coverage(decoder, sod, policy, refused))
    if "CardSecurity" in files:
        checks.extend(_card_security(decoder, trust, at, state))
        clock.lap("card_security")
    return Verification(
        at=at,
        checks=tuple(checks),
        covered=covered,
        listed=coverage.listed(sod),
        ds_subject=ds.subject if ds else None,
        csca_subject=chain[-1].subject if chain else None,
        hash_algorithm=sod.hash_algorithm,
        signature_algorithm=sod.signed.signature_scheme,
        durations_ms=dict(clock.durations),
        policy=policy,
        issuing_state=state,
        signer_country=ds.country if ds else None,
    )


def _countries(state: str | None, signer_country: str | None) -> frozenset[str]:
    """Where to look for the anchor first: the issuing state's, else the signer's country."""
    if state:
        return alpha2_of(state)
    return frozenset({signer_country}) if signer_country else frozenset()


def _issuing_state(decoder: Decoder) -> tuple[str | None, Check | None]:
    """The issuing state from DG1, if DG1 was read and verified (9303-3 5: the 3-letter code)."""
    if not decoder.allowed("DG1"):
        return None, None
    try:
        dg1 = decoder.dg1()
    except IcaoError as exc:
        return None, fail("ds.country", Reason.ISSUING_STATE_UNREADABLE, "DG1 is signed but "
                          "its MRZ cannot be read, so the issuing state is unknown",
                          exc.message, files=("DG1",))
    return (dg1.mrz.issuing_state if dg1 is not None else None), None


def _coverage(decoder: Decoder, sod: Sod, policy: PkiPolicy,
              refused: Collection[str]) -> list[Check]:
    out: list[Check] = []
    if "COM" in decoder.files:
        try:
            com, error = decoder.com(), None
        except IcaoError as exc:
            com, error = None, exc
        check = coverage.com_coverage(com, error, sod)
        if check is not None:
            out.append(check)
    required = coverage.required(sod, policy)
    if required is not None:
        out.append(required)
    out.extend(coverage.withheld(decoder.files, sod, policy, refused))
    return out


def _content_type(sod: Sod) -> Check:
    """9303-10 D.1: eContentType is id-icao-mrtd-security-ldsSecurityObject, and RFC 5652
    11.1: the signed contentType attribute must say the same."""
    signed = sod.signed
    if sod.econtent_type != LDS_SECURITY_OBJECT_OID:
        return fail("sod.content_type", Reason.CONTENT_TYPE_INVALID,
                    "EF.SOD uses a non-conformant content type",
                    f"eContentType {sod.econtent_type}, expected {LDS_SECURITY_OBJECT_OID}")
    if signed.has_signed_attrs and signed.content_type_attr != signed.econtent_type:
        return fail("sod.content_type", Reason.CONTENT_TYPE_INVALID,
                    "the signed content type differs from the content",
                    f"contentType attribute {signed.content_type_attr}")
    return ok("sod.content_type", "EF.SOD holds an LDS security object", sod.econtent_type)


def _card_security(decoder: Decoder, trust: TrustStore, at: datetime,
                   state: str | None) -> list[Check]:
    """BSI TR-03110-3 A.1.2.2 / 9303-11 9.2: EF.CardSecurity is signed like EF.SOD, by a
    signer of the same state."""
    try:
        cs = decoder.card_security()
    except IcaoError as exc:
        return [fail("card_security.parse", Reason.MALFORMED, "EF.CardSecurity is malformed",
                     exc.message)]
    assert cs is not None
    checks, signer = signature_checks(cs.signed, "card_security")
    if signer is not None:
        countries = _countries(state, signer.country)
        more, chain = certificate_checks(signer, trust, at, "card_security.signer", countries,
                                         csca_check=False)  # CSCA validity: reported for the SOD
        checks.extend(more)
        checks.append(country_check("card_security.signer.country", signer, chain, state))
    return checks


__all__ = ["OPTIONAL_CHECKS", "Check", "Status", "Verification", "check_signed_object",
           "verify", "verify_decoded"]
