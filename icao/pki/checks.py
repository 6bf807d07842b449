"""One check of passive authentication: its name, verdict, reason code and staff sentence.

Names are stable (the staff panel and `kiosk trust verify --json` show them): "sod.parse",
"sod.content_type", "sod.message_digest", "sod.signature", "ds.validity", "ds.chain",
"csca.validity", "ds.revocation", "ds.country", "dg_hash.DGn", "dg_read.DGn", "com.coverage",
"sod.required", and the same signer checks under "card_security." / "card_security.signer.".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from icao.reasons import Reason


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
    code: Reason | None = None       # why it did not pass (None when it passed)
    files: tuple[str, ...] = ()      # the data groups it names ("DG2",)


def ok(name: str, reason: str, detail: str = "", files: tuple[str, ...] = ()) -> Check:
    return Check(name, Status.PASSED, reason, detail, None, files)


def fail(name: str, code: Reason, reason: str, detail: str = "",
         files: tuple[str, ...] = ()) -> Check:
    return Check(name, Status.FAILED, reason, detail, code, files)


def not_possible(name: str, code: Reason, reason: str, detail: str = "",
                 files: tuple[str, ...] = ()) -> Check:
    return Check(name, Status.NOT_POSSIBLE, reason, detail, code, files)


def dg_order(name: str) -> int:
    """Sort key: DG1 < DG2 < ... < DG16."""
    return int(name[2:]) if name[:2] == "DG" and name[2:].isdigit() else 99


__all__ = ["Check", "Status", "dg_order", "fail", "not_possible", "ok"]
