"""After the read: inspect (verify, judge, decode only what verified) -> identity, in one place.

The kiosk's one call into `icao.inspection.inspect` (issue 14): passive authentication under
the kiosk's PKI policy, the four-way verdict, and the parsed views (`icao.lds.decoder.
ParsedFiles`) of the files whose hash matched the SOD. A tampered DG2 or DG13 is named by the
verdict and never decoded; the app, `kiosk bench soak`, `kiosk read` and `kiosk diag card` all
come through here.

Which data groups a read must carry depends on the document: a Vietnamese chip ID card needs
DG1, DG2, DG13 and DG14 in its SOD (the forms are filled from DG13; CA needs DG14), any other
document DG1 and DG2. The document type is taken from DG1 only after its hash verified: the
first pass requires DG1 and DG2; when the verified DG1 says a VNM identity card, the policy
is tightened and the inspection repeated (about 2 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from icao.document import Document
from icao.errors import IcaoError
from icao.genuine import Verdict
from icao.inspection import Inspection
from icao.inspection import inspect as inspect_document
from icao.lds.decoder import ParsedFiles
from icao.lds.portrait import Portrait
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.pki.verify import Verification
from kiosk.identity import Identity, IdentityError, QrInput, build_identity
from kiosk.reading.views import display_png

#: What every document must carry in its SOD to be of use here: the MRZ and the portrait.
BASE_REQUIRED = frozenset({"DG1", "DG2"})


@dataclass(frozen=True, repr=False)
class ChipRead:
    """Everything one read produced: the raw files (in `document`) with the parsed views of
    those that verified, passive authentication, the verdict and the person. Personal data:
    the session is its one owner and drops it on wipe; the repr shows none of it."""

    document: Document
    views: ParsedFiles
    verification: Verification
    verdict: Verdict
    identity: Identity | None
    #: Why there is no identity (a file name and what is wrong with it; no personal data).
    identity_problem: str | None = None
    #: The DG2 portrait as PNG for the screens; None when absent, corrupt, or the card is
    #: not genuine or cloned (an image from a forged chip is never decoded for display).
    portrait_png: bytes | None = None

    @property
    def portrait(self) -> Portrait | None:
        """The chip portrait the face check compares against (DG2, verified, parsed once)."""
        return self.views.dg2.portrait if self.views.dg2 is not None else None

    def __repr__(self) -> str:
        return (f"ChipRead(verdict={self.verdict.status.value}/{self.verdict.code.value}, "
                f"views={self.views!r}, identity={'yes' if self.identity else 'no'}, "
                "personal data masked)")


def policy_for(inspection: Inspection, *, require_crl: bool) -> PkiPolicy | None:
    """The stricter Vietnamese ID card policy when the verified DG1 says so, else None."""
    dg1 = inspection.files.dg1
    if dg1 is None:
        return None
    mrz = dg1.mrz
    if mrz.issuing_state == "VNM" and mrz.document_code.startswith("I"):
        return PkiPolicy.vn_cccd(require_crl=require_crl)
    return None


def inspect(document: Document, trust: TrustStore | None, at: datetime, *,
            require_crl: bool = False, qr: QrInput | None = None,
            with_identity: bool = True, today: date | None = None) -> ChipRead:
    """Judge and decode one read. `trust` None (technician diagnostics without a trust store):
    an empty store, so the verdict is "not provable: no CSCA" and nothing is decoded."""
    store = trust if trust is not None else TrustStore()
    result = inspect_document(document, store, at,
                              PkiPolicy(required_dgs=BASE_REQUIRED, require_crl=require_crl))
    stricter = policy_for(result, require_crl=require_crl)
    if stricter is not None:
        result = inspect_document(document, store, at, stricter)
    views, verdict = result.files, result.verdict
    identity: Identity | None = None
    problem: str | None = None
    if with_identity:
        identity, problem = _identity(views, result.verification, qr, today)
    png = None
    if views.dg2 is not None and not verdict.final:
        try:
            png = display_png(views.dg2.portrait)
        except IcaoError:
            png = None  # a corrupt image: no picture; the face check reports it
    return ChipRead(document, views, result.verification, verdict, identity, problem, png)


def _identity(views: ParsedFiles, verification: Verification, qr: QrInput | None,
              today: date | None) -> tuple[Identity | None, str | None]:
    broken = [f"{name}: {err.message}" for name, err in views.errors.items()
              if name in ("DG1", "DG13")]
    if broken:
        return None, "; ".join(broken)
    if views.dg1 is None:
        return None, "DG1 was not verified, so it was not decoded"
    try:
        identity = build_identity(dg13=views.dg13, dg1=views.dg1,
                                  pa_passed=verification.passed, qr=qr, today=today)
    except IdentityError as exc:
        return None, str(exc)
    return identity, None
