"""Delivering submissions to the back office: each one once, each with its idempotency key.

(kiosk.store.outbox re-exports everything here, beside the app's background worker.)

State machine of an outbox row, each transition its own committed transaction:

    pending --claim (lease, attempts+1)--> pending+leased --POST--> accepted:  delivered
                                                               \\-> retryable: pending, next
                                                                   attempt after backoff
                                                               \\-> permanent: failed

The lease: claiming a row sets its owner (a process identity, owner.py) and an expiry longer
than one attempt's deadline, in a transaction that locks the row (`FOR UPDATE SKIP LOCKED` on
PostgreSQL; SQLite's `BEGIN IMMEDIATE` serialises writers), and only a free, expired or
dead-here lease can be taken: two processes, or two kiosks, never hold one row. A process
killed at any point leaves the row pending; it is sent again with the same `Idempotency-Key`
once its lease expires (at once if the dead process was on this kiosk). The back office
deduplicates by that key, so a resend after "sent but not yet marked delivered" has no second
effect. "Accepted" means a complete 2xx answer echoing the key (http.py).

Training submissions have no outbox row, and a row that points at one anyway (or whose sealed
case says training) is never sent: it is marked failed and audited.

Backoff: exponential with "equal jitter" (half fixed, half random) so kiosks that lost the
network together do not retry in lock-step.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from kiosk.config.urls import anchor_url as default_anchor_url
from kiosk.config.urls import url_problem
from kiosk.store import anchors as anchor_log
from kiosk.store import audit as audit_log
from kiosk.store import casefile
from kiosk.store.anchors import BACKOFFICE, Anchor
from kiosk.store.crypto import case_aad, form_aad
from kiosk.store.engine import rowcount
from kiosk.store.errors import DeliveryConfigError, StoreError
from kiosk.store.http import HttpsSender, Reply, Sender, TlsSettings
from kiosk.store.models import DELIVERED, FAILED, PENDING, OutboxRow, SubmissionRow
from kiosk.store.owner import ProcessIdentity
from kiosk.store.pacing import StatusBoard, loop
from kiosk.store.parties import delivered_entry
from kiosk.store.store import Store
from kiosk.store.timeutil import Clock

#: 4xx answers that will not change on retry: the request itself is wrong.
PERMANENT_STATUSES = frozenset({400, 405, 409, 410, 413, 415, 422})
ACTOR = "system:outbox"
_CANDIDATES = 20


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
    body: bytes | None  # None: cannot be sent (see `refusal`)
    refusal: str | None
    head: Anchor | None


class Deliverer:
    """Runs the outbox of `store`'s kiosk against one back-office URL."""

    def __init__(self, store: Store, url: str, *, sender: Sender | None = None,
                 timeout_s: float = 10.0, backoff: Backoff | None = None,
                 worker_id: str | None = None, lease_s: float | None = None,
                 clock: Clock | None = None, rand: Callable[[], float] = random.random,
                 on_step: Callable[[str, str], None] | None = None,
                 tls: TlsSettings | None = None, anchor_url: str | None = None,
                 require_auth: bool = True) -> None:
        if not url:
            raise DeliveryConfigError("no back-office URL is configured; set [backoffice] url")
        problem = url_problem(url, training=False)
        if problem:
            raise DeliveryConfigError(problem)
        tls = tls or TlsSettings()
        if require_auth and sender is None and not tls.authenticates:
            raise DeliveryConfigError(
                "the back office must know this kiosk: set backoffice.client_cert_file (and "
                "client_key_file) or backoffice.token_file")
        self.store = store
        self.url = url
        self.anchor_url = default_anchor_url(url, anchor_url or "")
        self.sender = sender or HttpsSender(timeout_s, tls)
        self.backoff = backoff or Backoff()
        self.identity = ProcessIdentity.current()
        #: the lease owner: this process and this deliverer (`worker_id` only labels logs)
        self.owner = str(self.identity)
        self.label = worker_id or self.owner
        self.lease = timedelta(seconds=lease_s if lease_s is not None else timeout_s + 30)
        self.clock = clock or store.clock
        self.rand = rand
        self._on_step = on_step
        #: the last failed attempt's error (for the worker's status; never a response body)
        self.last_error: str | None = None

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

    def run_forever(self, stop: threading.Event, *, idle_s: float = 2.0,
                    board: StatusBoard | None = None,
                    anchor_interval_s: float | None = None) -> None:
        """Deliver until `stop` is set; never dies of an error (logs it, backs off)."""
        loop(self, stop, idle_s=idle_s, board=board, anchor_interval_s=anchor_interval_s)

    # --- anchors --------------------------------------------------------------------------

    def send_anchor(self, reason: str = "interval") -> Reply | None:
        """Record the chain head in the store and POST it to the back office's anchor URL;
        an acknowledged anchor is recorded as witnessed by the back office. None: the chain
        is empty (nothing to anchor yet)."""
        head = self.store.anchor(reason)
        if head is None:
            return None
        if not self.anchor_url:  # pragma: no cover - derived from the URL, which is required
            return Reply(None, False, "no anchor URL")
        body = json.dumps({"type": "audit.anchor", **head.to_json()}).encode("utf-8")
        key = f"anchor:{head.kiosk_id}:{head.seq}"
        reply = self.sender.post(self.anchor_url, body, {
            "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": key}, key=key)
        if reply.accepted:
            self.store.anchor(reason, witness=BACKOFFICE, head=head)
        return reply

    # --- one delivery ------------------------------------------------------------------

    def _claim(self) -> _Claim | None:
        kiosk = self.store.kiosk_id
        with self.store.transaction() as s:
            now = self._now()
            q = (select(OutboxRow, SubmissionRow)
                 .join(SubmissionRow, SubmissionRow.id == OutboxRow.submission_id)
                 .where(OutboxRow.kiosk_id == kiosk, SubmissionRow.kiosk_id == kiosk,
                        OutboxRow.state == PENDING, OutboxRow.next_attempt_at <= now)
                 .order_by(or_(OutboxRow.lease_until.is_(None),
                               OutboxRow.lease_until < now).desc(),
                           OutboxRow.next_attempt_at, OutboxRow.id).limit(_CANDIDATES))
            if self.store.backend == "postgresql":
                q = q.with_for_update(skip_locked=True, of=OutboxRow)
            found = None
            for box, sub in s.execute(q):
                if box.lease_until is None or box.lease_until < now or (
                        (other := ProcessIdentity.parse(box.lease_owner)) is not None
                        and other.is_dead_here(self.identity)):
                    found = (box, sub)
                    break
            if found is None:
                return None
            box, sub = found
            box.lease_owner, box.lease_until = self.owner, now + self.lease
            box.attempts += 1
            body, refusal = self._body(sub)
            seq, h = audit_log.head(s, kiosk)
            head = Anchor(kiosk, seq, h, now, "delivery", BACKOFFICE) if seq else None
            if body is not None and head is not None:
                doc = json.loads(body)
                doc["audit_anchor"] = head.to_json()
                body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            claim = _Claim(box.id, sub.id, sub.reference, box.idempotency_key, box.attempts,
                           body, refusal, head)
        self._step("claimed", claim.reference)
        return claim

    def _body(self, sub: SubmissionRow) -> tuple[bytes | None, str | None]:
        if sub.training:
            return None, "training submission: never delivered"
        if sub.form_sealed is None:
            return None, "the form was purged"
        keys = self.store.keys
        try:
            form = json.loads(keys.open(sub.form_sealed, form_aad(sub.reference,
                                                                  sub.service_code),
                                        sub.key_id))
            case = casefile.parse(None if sub.case_sealed is None else keys.open(
                sub.case_sealed, case_aad(sub.reference), sub.key_id))
        except StoreError:
            return None, "the form cannot be decrypted (key file)"
        if case["training"]:
            return None, "training submission: never delivered"
        doc = {"reference": sub.reference, "service_code": sub.service_code,
               "created_at": sub.created_at.isoformat(), "kiosk_id": sub.kiosk_id,
               "training": False, "submitted_by": case["created_by"] or sub.created_by,
               "form": form, "verdict": case["verdict"], "face": case["face"],
               "override": case["override"], "consent": case["consent"],
               "parties": [delivered_entry(p) for p in case["parties"]]}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8"), None

    def _deliver(self, claim: _Claim) -> str:
        if claim.body is None:
            return self._settle(claim, Reply(None, False, claim.refusal), permanent=True)
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Idempotency-Key": claim.idempotency_key,
                   "X-Kiosk-Reference": claim.reference}
        try:
            reply = self.sender.post(self.url, claim.body, headers,
                                     key=claim.idempotency_key)
        except Exception as exc:  # noqa: BLE001 - a sender's bug: retry, release the lease
            reply = Reply(None, False, f"{type(exc).__name__} in the sender")
        self._step("sent", claim.reference)
        return self._settle(claim, reply)

    def _settle(self, claim: _Claim, reply: Reply, *, permanent: bool = False) -> str:
        error = (reply.error or f"HTTP {reply.status}")[:200]
        if not reply.accepted:
            self.last_error = error
        with self.store.transaction() as s:
            now = self._now()
            pending = (OutboxRow.id == claim.outbox_id, OutboxRow.state == PENDING)
            mine = (*pending, OutboxRow.lease_owner == self.owner)
            status = reply.status
            if reply.accepted:
                outcome, event = DELIVERED, "submission.delivered"
                changed = rowcount(s.execute(update(OutboxRow).where(*pending).values(
                    state=DELIVERED, delivered_at=now, lease_owner=None, lease_until=None,
                    last_error=None)))
                s.execute(update(SubmissionRow).where(
                    SubmissionRow.id == claim.submission_id,
                    SubmissionRow.status.in_((PENDING, FAILED))).values(
                    status=DELIVERED, delivered_at=now, updated_at=now))
            elif permanent or status in PERMANENT_STATUSES:
                outcome, event = FAILED, "submission.delivery_failed"
                changed = rowcount(s.execute(update(OutboxRow).where(*mine).values(
                    state=FAILED, lease_owner=None, lease_until=None, last_error=error)))
                s.execute(update(SubmissionRow).where(
                    SubmissionRow.id == claim.submission_id,
                    SubmissionRow.status == PENDING).values(status=FAILED, updated_at=now))
            else:
                outcome, event = PENDING, None
                delay = self.backoff.delay(claim.attempts, self.rand())
                changed = rowcount(s.execute(update(OutboxRow).where(*mine).values(
                    next_attempt_at=now + timedelta(seconds=delay), lease_owner=None,
                    lease_until=None, last_error=error)))
            if event and changed:
                details: dict[str, object] = {"attempts": claim.attempts,
                                              "http_status": status}
                if outcome == FAILED and status is None:
                    details["reason"] = error
                self.store._append(s, now, event, ACTOR, claim.reference, None, details)
                if outcome == DELIVERED and claim.head is not None:
                    anchor_log.record(s, Anchor(claim.head.kiosk_id, claim.head.seq,
                                                claim.head.entry_hash, now, "delivery",
                                                BACKOFFICE))
        self._step("settled", claim.reference)
        return outcome


def retry_failed(store: Store, *, actor: str) -> int:
    """Put failed submissions back in the outbox (after the back office fixed its side);
    training submissions are never put back."""
    with store.transaction() as s:
        now = store.now()
        ids = list(s.scalars(select(OutboxRow.submission_id)
                             .join(SubmissionRow, SubmissionRow.id == OutboxRow.submission_id)
                             .where(OutboxRow.state == FAILED,
                                    OutboxRow.kiosk_id == store.kiosk_id,
                                    SubmissionRow.training.is_(False))))
        s.execute(update(OutboxRow).where(OutboxRow.submission_id.in_(ids)).values(
            state=PENDING, next_attempt_at=now, last_error=None))
        s.execute(update(SubmissionRow).where(SubmissionRow.id.in_(ids)).values(
            status=PENDING, updated_at=now))
        if ids:
            store._append(s, now, "outbox.retry_failed", actor, None, None,
                          {"count": len(ids)})
    return len(ids)
