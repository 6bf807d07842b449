"""Result types the UI and commands receive: metadata only, never the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.store.models import SubmissionRow


@dataclass(frozen=True)
class Submission:
    """A submission's clear metadata (safe to show on the staff screen and to log)."""

    id: int
    reference: str
    service_code: str
    status: str
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None
    purged_at: datetime | None

    @classmethod
    def from_row(cls, row: SubmissionRow) -> Submission:
        return cls(row.id, row.reference, row.service_code, row.status, row.created_at,
                   row.updated_at, row.delivered_at, row.purged_at)


@dataclass(frozen=True)
class OutboxStats:
    """Delivery backlog, for `kiosk diag health` and the staff screen."""

    pending: int
    failed: int
    oldest_pending_at: datetime | None
