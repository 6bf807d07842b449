"""The chip verdict the session acts on: genuine, not genuine, cloned or not provable.

Interim (issue 14 item 1, session part): derived here, in one function, from the two results
the read pipeline has today, `icao.pki.verify`'s Verification and `icao.genuine`'s
Genuineness, in the order of ICAO 9303-11 5.1 then 6.1/6.2:

1. passive authentication failed                          -> not_genuine (naming the DGs);
2. passive authentication could not be completed          -> not_provable (no CSCA, no SOD);
3. a key proof failed on a state-signed key ("cloned")    -> cloned;
4. a key proof passed on a state-signed key               -> genuine;
5. otherwise (no proof, a downgraded read, unsigned key)   -> not_provable.

icao's own four-way verdict (issue 14, `icao.genuine.Verdict`) has the same statuses and the
attributes used here (`status`, `reason`, `method`, `files`, `final`, `acceptable`), so when it
lands `judge()` is replaced by `inspection.verdict` in kiosk/reading/inspection.py and nothing
that consumes a verdict (kiosk.session, the staff panel) changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from icao.genuine import Genuineness
from icao.pki.verify import Status, Verification

_DG_CHECK = re.compile(r"^dg_hash\.(DG\d+)$")


class VerdictStatus(StrEnum):
    GENUINE = "genuine"
    NOT_GENUINE = "not_genuine"
    CLONED = "cloned"
    NOT_PROVABLE = "not_provable"


@dataclass(frozen=True)
class ChipVerdict:
    """The verdict, one sentence for staff saying why, and what it is about."""

    status: VerdictStatus
    reason: str
    method: str | None = None  # "CA", "PACE-CAM", "AA": the proof that decided
    files: tuple[str, ...] = ()  # the data groups named ("DG2",)

    @property
    def final(self) -> bool:
        """Not genuine or cloned: no policy, staff override or retry makes the card usable."""
        return self.status in (VerdictStatus.NOT_GENUINE, VerdictStatus.CLONED)

    def acceptable(self, *, require_genuine: bool) -> bool:
        """May the citizen go on? Genuine always; not provable only where the policy
        (`trust.require_genuine`) allows it; not genuine and cloned never."""
        if self.status is VerdictStatus.GENUINE:
            return True
        return self.status is VerdictStatus.NOT_PROVABLE and not require_genuine


def judge(verification: Verification | None, genuineness: Genuineness) -> ChipVerdict:
    """One verdict from passive authentication (None: not performed) and the chip proofs."""
    if verification is not None and verification.status is Status.FAILED:
        failed = verification.failed()
        files = tuple(m.group(1) for c in failed if (m := _DG_CHECK.match(c.name)))
        verb = "differs" if len(files) == 1 else "differ"
        what = (f"{' and '.join(files)} on the chip {verb} from what the issuing state signed"
                if files else f"passive authentication failed ({failed[0].name}: "
                f"{failed[0].reason})")
        return ChipVerdict(VerdictStatus.NOT_GENUINE, f"{what}: the card was altered or "
                           "forged. Do not accept this card; call a supervisor.", None, files)
    if verification is None:
        return ChipVerdict(VerdictStatus.NOT_PROVABLE, "Passive authentication was not "
                           "performed (no trust store), so the card's data cannot be proven.")
    if verification.status is Status.NOT_POSSIBLE:
        blocking = next(c for c in verification.checks if c.status is Status.NOT_POSSIBLE)
        return ChipVerdict(VerdictStatus.NOT_PROVABLE, "Passive authentication could not be "
                           f"completed ({blocking.name}): {blocking.reason}")
    if genuineness.status == "cloned":
        return ChipVerdict(VerdictStatus.CLONED, genuineness.reason, genuineness.method)
    if genuineness.status == "genuine":
        return ChipVerdict(VerdictStatus.GENUINE, genuineness.reason, genuineness.method)
    return ChipVerdict(VerdictStatus.NOT_PROVABLE, genuineness.reason, genuineness.method)
