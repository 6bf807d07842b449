"""Delivering submissions to the back office: at least once, each with its idempotency key.

State machine of an outbox row, each transition its own committed transaction:

    pending --claim (lease, attempts+1)--> pending+leased --POST--> 2xx:       delivered
                                                               \\-> retryable: pending, next
                                                                   attempt after backoff
                                                               \\-> permanent: failed

A process killed at any point leaves the row pending (possibly leased): it is sent again, with
the same `Idempotency-Key`, once the lease expires or the same worker restarts (leases are
owned by a worker id, by default the host name). The back office deduplicates by that key, so
a resend after "sent but not yet marked delivered" has no second effect.

Backoff: exponential with "equal jitter" (half fixed, half random) so kiosks that lost the
network together do not retry in lock-step.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from kiosk.store import audit as audit_log
from kiosk.store.crypto import form_aad
from kiosk.store.errors import StoreError
from kiosk.store.http import HttpSender, Sender
from kiosk.store.models import DELIVERED, FAILED, PENDING, OutboxRow, SubmissionRow
from kiosk.store.store import Store
from kiosk.store.timeutil import Clock

#: 4xx answers that will not change on retry: the request itself is wrong.
PERMANENT_STATUSES = frozenset({400, 405, 409, 410, 413, 415, 422})
ACTOR = "system:outbox"


@dataclass(frozen=True)
class Backoff:
    base_s: float = 2.0
    max_s: float = 600.0

    def delay(self, attempts: int, rand: float) -> float:
        """Delay after the `attempts`-th failure; `rand` in [0, 1)."""
        full = min(self.max_s, self.base_s * 2 ** max(0, attempts - 1))
        return full / 2 + (full / 2) * rand


@dataclass(frozen=True)
class DeliveryReport:
    attempted: int
    delivered: int
    retrying: int
    failed: int


@dataclass(frozen=True)
class _Claim:
    outbox_id: int
    submission_id: int
    reference: str
    idempotency_key: str
    attempts: int
    body: bytes | None  # None: the form could not be opened (key problem)


class Deliverer:
    """Runs the outbox against one back-office URL. One per worker id at a time."""

    def __init__(self, store: Store, url: str, *, sender: Sender | None = None,
                 timeout_s: float = 10.0, backoff: Backoff | None = None,
                 worker_id: str | None = None, lease_s: float | None = None,
                 clock: Clock | None = None, rand: Callable[[], float] = random.random,
                 on_step: Callable[[str, str], None] | None = None) -> None:
        if not url:
            raise StoreError("no back-office URL is configured; set [backoffice] url")
        self.store = store
        self.url = url
        self.sender = sender or HttpSender(timeout_s)
        self.backoff = backoff or Backoff()
        self.worker_id = worker_id or socket.gethostname()
        self.lease = timedelta(seconds=lease_s if lease_s is not None else 3 * timeout_s + 30)
        self.clock = clock or store.clock
        self.rand = rand
        self._on_step = on_step

    def _now(self) -> datetime:
        return self.clock()

    def _step(self, name: str, reference: str) -> None:
        if self._on_step is not None:
            self._on_step(name, reference)

    def run_once(self, limit: int | None = None) -> DeliveryReport:
        """Deliver every row that is due now (or `limit` rows), then return."""
        attempted = delivered = retrying = failed = 0
        while limit is None or attempted < limit:
            claim = self._claim()
            if claim is None:
                break
            attempted += 1
            outcome = self._deliver(claim)
            delivered += outcome == DELIVERED
            failed += outcome == FAILED
            retrying += outcome == PENDING
        return DeliveryReport(attempted, delivered, retrying, failed)

    def run_forever(self, stop: threading.Event, *, idle_s: float = 2.0) -> None:
        """Deliver until `stop` is set, waiting `idle_s` when nothing is due."""
        while not stop.is_set():
            try:
                report = self.run_once(limit=100)
            except StoreError:
                report = DeliveryReport(0, 0, 0, 0)  # database away: try again later
            if report.attempted == 0:
                stop.wait(idle_s)

    # --- one delivery ------------------------------------------------------------------

    def _claim(self) -> _Claim | None:
        with self.store.transaction() as s:
            now = self._now()
            q = (select(OutboxRow, SubmissionRow)
                 .join(SubmissionRow, SubmissionRow.id == OutboxRow.submission_id)
                 .where(OutboxRow.state == PENDING, OutboxRow.next_attempt_at <= now,
                        or_(OutboxRow.lease_until.is_(None), OutboxRow.lease_until < now,
                            OutboxRow.lease_owner == self.worker_id))
                 .order_by(OutboxRow.next_attempt_at, OutboxRow.id).limit(1))
            if self.store.backend == "postgresql":
                q = q.with_for_update(skip_locked=True, of=OutboxRow)
            found = s.execute(q).first()
            if found is None:
                return None
            box, sub = found
            box.lease_owner, box.lease_until = self.worker_id, now + self.lease
            box.attempts += 1
            body = self._body(sub)
            claim = _Claim(box.id, sub.id, sub.reference, box.idempotency_key, box.attempts,
                           body)
        self._step("claimed", claim.reference)
        return claim

    def _body(self, sub: SubmissionRow) -> bytes | None:
        if sub.form_sealed is None:
            return None
        try:
            form = json.loads(self.store.keys.open(
                sub.form_sealed, form_aad(sub.reference, sub.service_code)))
        except StoreError:
            return None
        doc = {"reference": sub.reference, "service_code": sub.service_code,
               "created_at": sub.created_at.isoformat(), "form": form}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def _deliver(self, claim: _Claim) -> str:
        if claim.body is None:
            return self._settle(claim, None, "the form cannot be decrypted (key file)")
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Idempotency-Key": claim.idempotency_key,
                   "X-Kiosk-Reference": claim.reference}
        try:
            status = self.sender.post(self.url, claim.body, headers)
        except (OSError, ValueError, http.client.HTTPException) as exc:  # URLError, timeout,
            # refused, reset, malformed answer, bad URL
            return self._settle(claim, None, type(exc).__name__)
        self._step("sent", claim.reference)
        return self._settle(claim, status, f"HTTP {status}")

    def _settle(self, claim: _Claim, status: int | None, error: str) -> str:
        with self.store.transaction() as s:
            now = self._now()
            mine = (OutboxRow.id == claim.outbox_id, OutboxRow.state == PENDING)
            if status is not None and 200 <= status < 300:
                outcome, event = DELIVERED, "submission.delivered"
                changed = s.execute(update(OutboxRow).where(*mine).values(
                    state=DELIVERED, delivered_at=now, lease_owner=None, lease_until=None,
                    last_error=None)).rowcount
                s.execute(update(SubmissionRow).where(
                    SubmissionRow.id == claim.submission_id,
                    SubmissionRow.status.in_((PENDING, FAILED))).values(
                    status=DELIVERED, delivered_at=now, updated_at=now))
            elif status in PERMANENT_STATUSES:
                outcome, event = FAILED, "submission.delivery_failed"
                changed = s.execute(update(OutboxRow).where(*mine).values(
                    state=FAILED, lease_owner=None, lease_until=None,
                    last_error=error)).rowcount
                s.execute(update(SubmissionRow).where(
                    SubmissionRow.id == claim.submission_id,
                    SubmissionRow.status == PENDING).values(status=FAILED, updated_at=now))
            else:
                outcome, event = PENDING, None
                delay = self.backoff.delay(claim.attempts, self.rand())
                changed = s.execute(update(OutboxRow).where(*mine).values(
                    next_attempt_at=now + timedelta(seconds=delay), lease_owner=None,
                    lease_until=None, last_error=error[:200])).rowcount
            if event and changed:
                audit_log.append(s, now=now, event=event, actor=ACTOR,
                                 reference=claim.reference, subject_hmac=None,
                                 details={"attempts": claim.attempts, "http_status": status})
        self._step("settled", claim.reference)
        return outcome


def retry_failed(store: Store, *, actor: str) -> int:
    """Put failed submissions back in the outbox (after the back office fixed its side)."""
    with store.transaction() as s:
        now = store.now()
        ids = list(s.scalars(select(OutboxRow.submission_id).where(OutboxRow.state == FAILED)))
        s.execute(update(OutboxRow).where(OutboxRow.state == FAILED).values(
            state=PENDING, next_attempt_at=now, last_error=None))
        s.execute(update(SubmissionRow).where(SubmissionRow.id.in_(ids)).values(
            status=PENDING, updated_at=now))
        if ids:
            audit_log.append(s, now=now, event="outbox.retry_failed", actor=actor,
                             reference=None, subject_hmac=None, details={"count": len(ids)})
    return len(ids)


class BackgroundDelivery:
    """The outbox worker as a daemon thread for the kiosk app: `start()` at launch, `stop()`
    at quit. Nothing blocks the UI: the thread owns all waiting."""

    def __init__(self, deliverer: Deliverer, *, idle_s: float = 5.0) -> None:
        self.deliverer = deliverer
        self.idle_s = idle_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_config(cls, store: Store, config) -> BackgroundDelivery | None:  # noqa: ANN001
        """From [backoffice]; None in training mode or when no URL is configured."""
        bo = config.backoffice
        if config.kiosk.training_mode or not bo.url:
            return None
        return cls(Deliverer(store, bo.url, timeout_s=bo.timeout_s,
                             backoff=Backoff(bo.retry_base_s, bo.retry_max_s)))

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self.deliverer.run_forever,
                                            args=(self._stop,), kwargs={"idle_s": self.idle_s},
                                            name="kiosk-outbox", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 15.0) -> bool:
        """Ask the worker to finish its current delivery; True when it has stopped."""
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()
