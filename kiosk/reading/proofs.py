"""The chip's proofs as one list for people and scripts: passive authentication, chip
authentication (CA or PACE-CAM), active authentication and the verdict.

`kiosk read --json` and `kiosk diag card --json` print the same `proofs` list, built here and
nowhere else, so a script that reads one reads the other (docs/cli/read.md, docs/cli/diag.md).
No personal data: check names, reason sentences, reason codes and data group names only.

    chip_proofs(document, judged, skipped=None) -> tuple[Proof, ...]
    verdict_line(verdict) -> str       the verdict as the first line of a human report
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the types only: `kiosk read --no-verify` never loads passive authentication
    from icao.document import Document
    from icao.genuine import Verdict
    from kiosk.reading.inspection import ChipRead

#: The human words of each verdict status, for the first line of a report.
STATUS_WORDS = {"genuine": "GENUINE", "not_genuine": "NOT GENUINE", "cloned": "CLONED",
                "not_provable": "NOT PROVABLE"}


@dataclass(frozen=True)
class Proof:
    """One proof. `failed_checks` ("dg_hash.DG2: <reason>") lists every passive-authentication
    check that did not pass, naming the data group in the check name; `code` is the stable
    reason code (icao.reasons.Reason) of the deciding check or of the verdict; `files` the
    data groups it is about."""

    name: str  # "passive_authentication", "chip_authentication", "active_authentication",
    #            "genuineness"
    status: str
    reason: str
    method: str | None = None
    failed_checks: tuple[str, ...] = ()
    code: str | None = None
    files: tuple[str, ...] = ()


def chip_proofs(document: Document, judged: ChipRead | None, *,
                skipped: str | None = None) -> tuple[Proof, ...]:
    """The four proofs of one read. `judged` is kiosk.reading.inspect's result (None when
    nothing was verified); `skipped` says why passive authentication was not performed (no
    trust store, `--no-verify`), and then its proof says "not_performed"."""
    out: list[Proof] = [_passive(judged, skipped)]
    ca = document.chip_auth
    out.append(Proof("chip_authentication", ca.status if ca else "not_performed",
                     ca.reason if ca else "the card offers no chip authentication",
                     ca.method if ca else None))
    aa = document.active_auth
    out.append(Proof("active_authentication", aa.status if aa else "not_performed",
                     aa.reason if aa else "the card offers no active authentication (no DG15)",
                     aa.algorithm if aa else None))
    if judged is None:
        out.append(Proof("genuineness", "not_performed",
                         f"not judged: {skipped or 'nothing was verified'}"))
    else:
        g = judged.verdict
        out.append(Proof("genuineness", g.status.value, g.reason, g.method, (),
                         g.code.value, g.files))
    return tuple(out)


def _passive(judged: ChipRead | None, skipped: str | None) -> Proof:
    if judged is None or skipped is not None:
        return Proof("passive_authentication", "not_performed", skipped or "not performed")
    verification = judged.verification
    not_passed = [c for c in verification.checks if str(c.status) != "passed"]
    failed = tuple(f"{c.name}: {c.reason}" for c in not_passed)
    reason = ("every check passed" if verification.passed else
              f"{len(verification.failed())} check(s) failed" if verification.failed()
              else "could not be completed")
    deciding = verification.failed() or verification.blocking()
    code = deciding[0].code.value if deciding and deciding[0].code is not None else None
    files = tuple(sorted({f for c in deciding for f in c.files}, key=_dg_number))
    return Proof("passive_authentication", str(verification.status), reason,
                 verification.signature_algorithm, failed, code, files)


def _dg_number(name: str) -> int:
    return int(name[2:]) if name[:2] == "DG" and name[2:].isdigit() else 99


def verdict_line(verdict: Verdict | None) -> str:
    """"GENUINE (genuine, CA): ..." / "NOT GENUINE (dg_hash_mismatch: DG2): ..."; with no
    verdict (`--no-verify`), that nothing was verified."""
    if verdict is None:
        return ("NOT VERIFIED (--no-verify): nothing read from this chip was checked against "
                "the issuing state's signature.")
    tags = [verdict.code.value]
    if verdict.files:
        tags[0] += ": " + ", ".join(verdict.files)
    if verdict.method:
        tags.append(verdict.method)
    return f"{STATUS_WORDS[verdict.status.value]} ({', '.join(tags)}): {verdict.reason}"


__all__ = ["STATUS_WORDS", "Proof", "chip_proofs", "verdict_line"]
