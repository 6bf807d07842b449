"""The verdict: genuine, not genuine, cloned, or not provable (ICAO 9303-11 5.1, 6.1, 6.2,
4.4.3.5; BSI TR-03105-5).

Passive authentication proves the data is what a state signed; chip authentication, the CAM
check of PACE-CAM and active authentication prove the chip holds a private key. The key proof
only means something if its public key is one the state signed: DG14 or DG15 covered by an
EF.SOD that passed, or EF.CardSecurity whose own signature verified. Hence, in this order:

1. passive authentication failed                 -> "not_genuine" (which DG, which check);
2. the read was steered to BAC although the signed DG14 requires PACE -> "not_provable";
3. passive authentication could not be completed -> "not_provable" (no CSCA for this state,
   no CRL while the policy requires one, ...);
4. a key proof failed on a state-signed key      -> "cloned" (the data was copied, not the key);
5. a key proof passed on a state-signed key      -> "genuine" (noting an unchecked CRL);
6. otherwise                                     -> "not_provable" (no proof offered, a proof
   interrupted by the transport, or a proof on a key the SOD does not cover).

A proof status other than "passed" or "failed" (e.g. the reader's "not possible, retry" for a
refused transport or a lost session) is never a proof: it can make a verdict "not_provable",
never "cloned". `code` is a stable `icao.reasons.Reason`; `reason` one English sentence for
staff; the kiosk maps the code to its own words.

API:
    assess(document, verification) -> Verdict      (verification: icao.pki.verify.Verification)
    Verdict(status, reason, method, code, check, files).acceptable(require_genuine=...)
    VerdictStatus: GENUINE / NOT_GENUINE / CLONED / NOT_PROVABLE;  Genuineness = Verdict
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from icao.document import Document
from icao.pki.checks import Check, dg_order
from icao.pki.verify import Verification
from icao.reasons import Reason

_STOP = " Do not accept this card; call a supervisor."


class VerdictStatus(StrEnum):
    GENUINE = "genuine"
    NOT_GENUINE = "not_genuine"
    CLONED = "cloned"
    NOT_PROVABLE = "not_provable"


@dataclass(frozen=True)
class Verdict:
    """The verdict, one sentence for staff saying why, and what it is about."""

    status: VerdictStatus
    reason: str
    method: str | None = None          # "CA", "PACE-CAM", "AA": the proof that decided
    code: Reason = Reason.NOT_VERIFIED
    check: str | None = None           # the passive-authentication check that decided
    files: tuple[str, ...] = ()        # the data groups named ("DG2",)

    @property
    def final(self) -> bool:
        """Not genuine or cloned: no policy, override or retry makes the card acceptable."""
        return self.status in (VerdictStatus.NOT_GENUINE, VerdictStatus.CLONED)

    def acceptable(self, *, require_genuine: bool) -> bool:
        """May the flow go on? Genuine always; not provable only where the policy
        (`trust.require_genuine`) allows it; not genuine and cloned never."""
        if self.status is VerdictStatus.GENUINE:
            return True
        return self.status is VerdictStatus.NOT_PROVABLE and not require_genuine


Genuineness = Verdict  # the name of the verdict type before issue 14


def _named(files: tuple[str, ...]) -> str:
    return " and ".join(files) if len(files) <= 2 else ", ".join(files[:-1]) + " and " + files[-1]


_PRIORITY = {code: i for i, code in enumerate(Reason)}


def _first(checks: tuple[Check, ...]) -> Check:
    return min(checks, key=lambda c: _PRIORITY.get(c.code, len(_PRIORITY)) if c.code else 999)


def _not_genuine(failed: tuple[Check, ...]) -> Verdict:
    first = _first(failed)
    files = tuple(sorted({f for c in failed for f in c.files}, key=dg_order))
    code = first.code or Reason.SIGNATURE_INVALID
    subject = _named(first.files) if first.files else "a data group"
    verb = "differs" if len(first.files) <= 1 else "differ"
    head = {
        Reason.DG_HASH_MISMATCH: f"{subject} on the chip {verb} from what the issuing state "
                                 f"signed: the card was altered.",
        Reason.DG_WITHHELD: f"The chip hides {subject}, which its signed security object "
                            f"lists: probably a copy of a card.",
        Reason.DG_NOT_IN_SOD: f"The chip holds {subject} that the issuing state did not sign.",
        Reason.REQUIRED_DG_NOT_IN_SOD: f"The issuing state did not sign {subject}, which the "
                                       f"kiosk needs.",
        Reason.FOREIGN_SIGNER: "The card is signed by another state than the one that "
                               "issued it.",
        Reason.DS_REVOKED: "The issuing state has revoked the certificate that signed this "
                           "card.",
        Reason.DS_EXPIRED: "The certificate that signed this card has expired.",
    }.get(code, f"Passive authentication failed ({first.name}): {first.reason}.")
    return Verdict(VerdictStatus.NOT_GENUINE, head + _STOP, None, code, first.name, files)


def _pa_not_possible(blocking: tuple[Check, ...]) -> Verdict:
    first = _first(blocking)
    code = first.code or Reason.NOT_VERIFIED
    text = {
        Reason.SOD_MISSING: "The chip gave no security object (EF.SOD), so nothing on it can "
                            "be verified.",
        Reason.NO_CSCA: "The trust store has no CSCA of this card's state, so its signature "
                        "cannot be verified; a technician must import the master list.",
        Reason.REVOCATION_NOT_CHECKED: "No current CRL of the issuing state is in the trust "
                                       "store and this kiosk requires one; a technician must "
                                       "import it.",
    }.get(code, f"Passive authentication could not be completed ({first.name}): "
                f"{first.reason}.")
    return Verdict(VerdictStatus.NOT_PROVABLE, text, None, code, first.name, first.files)


def _signed(verification: Verification, source: str) -> bool:
    if source == "CardSecurity":
        return verification.trusts_card_security()
    return verification.trusts(source)


def assess(document: Document, verification: Verification | None) -> Verdict:
    """Combine the chip's proofs in `document` with passive authentication's verdict."""
    failed = verification.failed() if verification is not None else ()
    if failed:
        return _not_genuine(failed)
    if document.downgraded:
        # the proofs may hold, but the session itself was steered to the weaker protocol:
        # something between the card and us altered EF.CardAccess (a relay, a hostile card)
        return Verdict(VerdictStatus.NOT_PROVABLE, "The chip was read with BAC although its "
                       "signed DG14 requires PACE: the card or the reader may have been "
                       "tampered with. Read the card again with the CAN; if it repeats, call "
                       "a supervisor.", code=Reason.DOWNGRADED)
    if verification is None:
        return Verdict(VerdictStatus.NOT_PROVABLE, "Passive authentication was not run, so "
                       "nothing on the chip is proven.", code=Reason.NOT_VERIFIED)
    blocking = verification.blocking()
    if blocking:
        return _pa_not_possible(blocking)
    return _chip_proofs(document, verification)


def _chip_proofs(document: Document, verification: Verification) -> Verdict:
    proofs: list[tuple[str, str, str]] = []  # (method, status, key source)
    interrupted: list[str] = []
    ca = document.chip_auth
    if ca is not None and ca.status in ("passed", "failed"):
        proofs.append((ca.method, ca.status, ca.key_source or "DG14"))
    elif ca is not None and ca.status != "not_performed":
        interrupted.append(ca.method)
    aa = document.active_auth
    if aa is not None and aa.status in ("passed", "failed"):
        proofs.append(("AA", aa.status, "DG15"))
    elif aa is not None and aa.status != "not_performed":
        interrupted.append("AA")
    signed = [p for p in proofs if _signed(verification, p[2])]
    for method, status, source in signed:
        if status == "failed":
            return Verdict(VerdictStatus.CLONED, f"The chip could not prove it holds the key "
                           f"the state signed ({source}): the data was probably copied to "
                           f"another chip." + _STOP, method, Reason.CHIP_PROOF_FAILED)
    for method, status, source in signed:
        if status == "passed":
            if verification.revocation == "not_checked":
                return Verdict(VerdictStatus.GENUINE, f"The chip proved it holds the private "
                               f"key of the state-signed {source} public key; revocation was "
                               f"not checked (no current CRL).", method,
                               Reason.GENUINE_REVOCATION_NOT_CHECKED)
            return Verdict(VerdictStatus.GENUINE, f"The chip proved it holds the private key "
                           f"of the state-signed {source} public key.", method, Reason.GENUINE)
    if interrupted:
        return Verdict(VerdictStatus.NOT_PROVABLE, f"The chip's key proof ({interrupted[0]}) "
                       f"could not be completed: the connection to the card was interrupted. "
                       f"Read the card again.", interrupted[0], Reason.PROOF_INTERRUPTED)
    if not proofs:
        return Verdict(VerdictStatus.NOT_PROVABLE, "The chip offers neither chip "
                       "authentication nor active authentication, so a copy cannot be told "
                       "from the original.", code=Reason.NO_CHIP_PROOF)
    method, _status, source = proofs[0]
    return Verdict(VerdictStatus.NOT_PROVABLE, f"{source} is not covered by a valid EF.SOD, "
                   f"so the chip's key proof cannot be trusted. Check passive authentication.",
                   method, Reason.CHIP_KEY_NOT_SIGNED)


__all__ = ["Genuineness", "Verdict", "VerdictStatus", "assess"]
