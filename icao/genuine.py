"""Is the chip genuine, a clone, or is that not provable? (ICAO 9303-11 6.1, 6.2, 4.4.3.5)

Chip authentication, the CAM check of PACE-CAM, and active authentication each show that the
chip holds a private key. That only means something if the matching public key is one the
issuing state signed: DG14 or DG15 covered by an EF.SOD that passed passive authentication, or
EF.CardSecurity whose own signature verified (9303-11 5.1, 6). Otherwise anyone could write a
chip with their own key pair and matching files. Hence:

- a proof failed on a signed key                 -> "cloned" (the data was copied, not the key);
- a proof passed on a signed key (none failed)    -> "genuine";
- otherwise (no proof, or the key is not signed)  -> "not_provable", with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from icao.document import Document


class _Verification(Protocol):  # icao.pki.verify.Verification, structurally
    @property
    def passed(self) -> bool: ...

    @property
    def checks(self) -> tuple: ...

    def trusts(self, dg: str) -> bool: ...


@dataclass(frozen=True)
class Genuineness:
    """The verdict and one sentence for staff saying why."""

    status: Literal["genuine", "cloned", "not_provable"]
    reason: str
    method: str | None = None  # "CA", "PACE-CAM", "AA"


def _signed(verification: _Verification | None, source: str | None) -> bool:
    if verification is None or source is None:
        return False
    if source == "CardSecurity":
        cs = [c for c in verification.checks if c.name.startswith("card_security")]
        return verification.passed and bool(cs)
    return verification.trusts(source)


def assess(document: Document, verification: _Verification | None) -> Genuineness:
    """Combine the chip's proofs in `document` with passive authentication's verdict."""
    if getattr(document, "downgraded", False):
        # the proofs may hold, but the session itself was steered to the weaker protocol:
        # something between the card and us altered EF.CardAccess (a relay, a hostile card)
        return Genuineness("not_provable", "The chip was read with BAC although its signed "
                           "DG14 requires PACE: the card or the reader may have been tampered "
                           "with. Read the card again with the CAN; if it repeats, call a "
                           "supervisor.")
    proofs: list[tuple[str, str, str | None]] = []  # (method, status, key source)
    ca = document.chip_auth
    if ca is not None and ca.status != "not_performed":
        proofs.append((ca.method, ca.status, ca.key_source or "DG14"))
    aa = document.active_auth
    if aa is not None and aa.status != "not_performed":
        proofs.append(("AA", aa.status, "DG15"))
    if not proofs:
        return Genuineness("not_provable", "The chip offers neither chip authentication nor "
                           "active authentication, so a copy cannot be told from the original.")
    signed = [(m, s, src) for m, s, src in proofs if _signed(verification, src)]
    for method, status, source in signed:
        if status == "failed":
            return Genuineness("cloned", f"The chip could not prove it holds the key the state "
                               f"signed ({source}): the data was probably copied to another "
                               f"chip. Do not accept this card; call a supervisor.", method)
    for method, status, source in signed:
        if status == "passed":
            return Genuineness("genuine", f"The chip proved it holds the private key of the "
                               f"state-signed {source} public key.", method)
    method, _status, source = proofs[0]
    return Genuineness("not_provable", f"{source} is not covered by a valid EF.SOD, so the "
                       f"chip's key proof cannot be trusted. Check passive authentication.",
                       method)
