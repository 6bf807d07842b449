"""After the read: verify -> assess -> verdict -> parsed views -> identity, in one place.

This is the one module of the kiosk that calls passive authentication (`icao.pki.verify`),
the genuineness assessment (`icao.genuine.assess`) and the `icao.lds` parsers (through
`parse_views`). The app, `kiosk bench soak` and `kiosk diag card` all come through here, so
when issue 14's inspection step (`icao.inspection.inspect`: verify, judge, then decode only
verified files) lands, it replaces the first four lines of `inspect()` and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from icao.document import Document
from icao.errors import IcaoError
from icao.genuine import Genuineness, assess
from icao.lds.portrait import Portrait
from icao.pki.store import TrustStore
from icao.pki.verify import Verification, verify
from kiosk.identity import Identity, IdentityError, QrInput, build_identity
from kiosk.reading.verdict import ChipVerdict, judge
from kiosk.reading.views import ChipViews, display_png, parse_views


@dataclass(frozen=True, repr=False)
class ChipRead:
    """Everything one read produced: the raw files (in `document`) with their parsed views,
    passive authentication, the chip proofs, the verdict and the person. Personal data: the
    session is its one owner and drops it on wipe; the repr shows none of it."""

    document: Document
    views: ChipViews
    verification: Verification | None  # None: passive authentication not performed
    genuineness: Genuineness
    verdict: ChipVerdict
    identity: Identity | None
    #: Why there is no identity (a file name and what is wrong with it; no personal data).
    identity_problem: str | None = None
    #: The DG2 portrait as PNG for the screens; None when absent, corrupt, or the card is
    #: not genuine or cloned (an image from a forged chip is never decoded for display).
    portrait_png: bytes | None = None

    @property
    def portrait(self) -> Portrait | None:
        """The chip portrait the face check compares against (DG2, parsed once)."""
        return self.views.portrait

    def __repr__(self) -> str:
        return (f"ChipRead(verdict={self.verdict.status.value}, views={self.views!r}, "
                f"identity={'yes' if self.identity else 'no'}, personal data masked)")


def inspect(document: Document, trust: TrustStore | None, at: datetime, *,
            qr: QrInput | None = None, with_identity: bool = True,
            today: date | None = None) -> ChipRead:
    """Judge and decode one read. `trust` None: passive authentication is not performed
    (technician diagnostics without a trust store); the verdict is then not provable."""
    verification = verify(document.files, trust, at) if trust is not None else None
    genuineness = assess(document, verification)
    verdict = judge(verification, genuineness)
    views = parse_views(document.files)
    identity: Identity | None = None
    problem: str | None = None
    if with_identity:
        identity, problem = _identity(views, verification, qr, today)
    png = None
    if views.portrait is not None and not verdict.final:
        try:
            png = display_png(views.portrait)
        except IcaoError:
            png = None  # a corrupt image: no picture; the face check reports it
    return ChipRead(document, views, verification, genuineness, verdict, identity, problem,
                    png)


def _identity(views: ChipViews, verification: Verification | None, qr: QrInput | None,
              today: date | None) -> tuple[Identity | None, str | None]:
    broken = [f"{name}: {err.message}" for name, err in views.errors.items()
              if name in ("DG1", "DG13")]
    if broken:
        return None, "; ".join(broken)
    try:
        identity = build_identity(dg13=views.dg13, dg1=views.dg1,
                                  pa_passed=verification is not None and verification.passed,
                                  qr=qr, today=today)
    except IdentityError as exc:
        return None, str(exc)
    return identity, None
