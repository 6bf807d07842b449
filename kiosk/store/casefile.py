"""What travels with a form: the verdict, the face result, a staff override and the consent,
and the same for each other person of a two-person form ("parties": kiosk/store/parties.py).

Sealed beside the form (`submissions.case_sealed`, same key) and delivered with it, so the back
office sees on what grounds the kiosk accepted the citizen, and who overrode what and why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.store.audit import check_actor
from kiosk.store.errors import StoreError

_MAX_CASE = 64 * 1024
_MAX_REASON = 500


@dataclass(frozen=True)
class Override:
    """Staff accepted a failed face match: `by` is the named account ("staff:nv01"),
    `reason` the free text they typed (personal data: sealed, never in clear)."""

    by: str
    reason: str

    def __repr__(self) -> str:  # the reason may name someone
        return f"Override(by={self.by!r}, reason=<{len(self.reason)} chars>)"

    def checked(self) -> Override:
        check_actor(self.by)
        if ":" not in self.by or self.by.startswith(("citizen", "system")):
            raise StoreError("an override must name the staff member who made it "
                             "(e.g. 'staff:nv01'), not a role")
        reason = self.reason.strip()
        if not reason or len(reason) > _MAX_REASON:
            raise StoreError(f"an override needs a reason of 1 to {_MAX_REASON} characters")
        return Override(self.by, reason)


@dataclass(frozen=True)
class Consent:
    """Consent as recorded from the consent screen (no personal data in it)."""

    id: int
    text_version: str
    purpose: str
    language: str
    given_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text_version": self.text_version, "purpose": self.purpose,
                "language": self.language, "given_at": self.given_at.isoformat()}


def plain(name: str, value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A verdict / face result as a plain JSON object, or a StoreError naming it."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise StoreError(f"the {name} must be a dict of plain JSON values")
    try:
        doc = json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError):
        raise StoreError(f"the {name} holds a value that is not plain JSON; nothing was "
                         "stored") from None
    return doc


def build(*, training: bool, created_by: str, verdict: Mapping[str, Any] | None,
          face: Mapping[str, Any] | None, override: Override | None,
          consent: Consent | None, parties: list[dict[str, Any]] | None = None) -> bytes:
    """`parties`: the other people of the form (kiosk/store/parties.py case_entry)."""
    doc = {"training": training, "created_by": created_by,
           "verdict": plain("verdict", verdict), "face": plain("face result", face),
           "override": None if override is None else {"by": override.by,
                                                      "reason": override.reason},
           "consent": None if consent is None else consent.to_json(),
           "parties": parties or []}
    data = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if len(data) > _MAX_CASE:
        raise StoreError("the verdict and face result are too large to store (over 64 KiB)")
    return data


def parse(data: bytes | None) -> dict[str, Any]:
    """The case of a stored submission; rows from before revision 0003 have none."""
    empty: dict[str, Any] = {"training": False, "created_by": None, "verdict": None,
                             "face": None, "override": None, "consent": None, "parties": []}
    if data is None:
        return empty
    return {**empty, **json.loads(data)}
