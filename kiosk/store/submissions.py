"""Result types the UI and commands receive: metadata only, never the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.store.models import OutboxRow, SubmissionRow


@dataclass(frozen=True)
class Submission:
    """A submission's clear metadata (safe to show on the staff screen and to log).

    `created_by` names who confirmed it ("staff:nv01", "citizen"); `training` marks a
    training-mode submission (never delivered); `attempts` / `last_error` tell the delivery
    state (None when not asked for, or no outbox row: delivered, purged, training).
    """

    id: int
    reference: str
    service_code: str
    status: str
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None
    purged_at: datetime | None
    training: bool = False
    created_by: str | None = None
    kiosk_id: str = ""
    attempts: int | None = None
    last_error: str | None = None

    @classmethod
    def from_row(cls, row: SubmissionRow, box: OutboxRow | None = None) -> Submission:
        return cls(row.id, row.reference, row.service_code, row.status, row.created_at,
                   row.updated_at, row.delivered_at, row.purged_at, bool(row.training),
                   row.created_by, row.kiosk_id,
                   box.attempts if box is not None else None,
                   box.last_error if box is not None else None)


@dataclass(frozen=True)
class OutboxStats:
    """Delivery backlog, for `kiosk diag health` and the staff screen."""

    pending: int
    failed: int
    oldest_pending_at: datetime | None
