"""kiosk/store/retention.py: purge deletes exactly what the policy says, and audits it."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.store import Purged
from kiosk.store.models import OutboxRow, SubmissionRow
from kiosk.store.testserver import BackOfficeServer
from tests.kiosk.store.conftest import FORM, deliverer


def _scenario(store, clock, tmp_path):
    """Day 0: a, b created; a delivered. Day 5: c created, c delivered.
    Day 20: d created (pending). f: rejected (failed) on day 0."""
    with BackOfficeServer.tls(tmp_path, respond=lambda n: 422 if n == 1 else None) as bo:
        d0 = deliverer(store, bo)
        a = store.submit("svc", FORM, actor="staff:1")
        d0.run_once()
        f = store.submit("svc", FORM, actor="staff:1")
        d0.run_once()  # rejected: failed
        b = store.submit("svc", FORM, actor="staff:1")  # never delivered (no run)
        clock.advance(days=5)
        c = store.submit("svc", FORM, actor="staff:1")
        with store.transaction() as s:  # keep b out of this delivery run
            box = s.scalars(select(OutboxRow).where(OutboxRow.submission_id == b.id)).one()
            box.next_attempt_at = clock.now.replace(year=2100)
        d0.run_once()
        clock.advance(days=15)
        d = store.submit("svc", FORM, actor="staff:1")
    return a, b, c, d, f


def test_purge_deletes_exactly_the_expired_submissions(store, clock, tmp_path):
    a, b, c, d, f = _scenario(store, clock, tmp_path)
    clock.advance(days=2)  # now day 22: a delivered 22 days ago, c 17 days ago
    dry = store.purge(after_delivery_days=20, undelivered_days=21, dry_run=True)
    assert (dry.delivered_ids, dry.undelivered_ids) == ((a.id,), (f.id, b.id))
    assert [s.status for s in store.list_submissions()].count("purged") == 0

    report = store.purge(after_delivery_days=20, undelivered_days=21)
    assert report.purged_ids == tuple(sorted((a.id, b.id, f.id)))
    status = {s.id: s.status for s in store.list_submissions()}
    assert status == {a.id: "purged", b.id: "purged", f.id: "purged",
                      c.id: "delivered", d.id: "pending"}
    with store.transaction() as s:
        sealed = dict(s.execute(select(SubmissionRow.id, SubmissionRow.form_sealed)).all())
        boxes = set(s.scalars(select(OutboxRow.submission_id)))
    assert [i for i, v in sealed.items() if v is None] == sorted((a.id, b.id, f.id))
    assert boxes == {c.id, d.id}
    for purged in (a, b, f):
        try:
            store.get(purged.reference)
        except Purged as exc:
            assert str(exc) == (f"submission {purged.reference} was purged under the "
                                "retention policy; its form no longer exists")
        else:
            raise AssertionError("purged form still readable")
    assert store.get(c.reference) == FORM
    events = [(e.event, e.reference, e.details) for e in store.audit_entries()
              if e.event.startswith("submission.purged")]
    assert events == [
        ("submission.purged", a.reference, {"rule": "after_delivery", "days": 20}),
        ("submission.purged_undelivered", f.reference,
         {"rule": "undelivered", "days": 21, "previous_status": "failed"}),
        ("submission.purged_undelivered", b.reference,
         {"rule": "undelivered", "days": 21, "previous_status": "pending"}),
    ]
    assert store.verify_audit().ok
    again = store.purge(after_delivery_days=20, undelivered_days=21)
    assert again.purged_ids == ()


def test_zero_days_after_delivery_purges_at_the_next_run(store, clock, tmp_path):
    a, b, c, d, f = _scenario(store, clock, tmp_path)
    report = store.purge(after_delivery_days=0, undelivered_days=3650)
    assert (report.delivered_ids, report.undelivered_ids) == ((a.id, c.id), ())
