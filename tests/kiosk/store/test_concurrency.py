"""Several writers at once (UI workers, the delivery worker, other kiosks on PostgreSQL):
the audit chain stays one unbroken chain and no submission is delivered twice."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.kiosk.store.conftest import deliverer


def test_concurrent_submits_keep_one_audit_chain(store):
    def work(w: int) -> list[str]:
        return [store.submit("svc", {"w": w, "i": i}, actor=f"staff:{w}").reference
                for i in range(8)]

    with ThreadPoolExecutor(4) as pool:
        refs = [r for batch in pool.map(work, range(4)) for r in batch]
    assert len(set(refs)) == 32
    v = store.verify_audit()
    assert (v.ok, v.entries) == (True, 32)
    assert [e.seq for e in store.audit_entries()] == list(range(1, 33))


def test_two_delivery_workers_never_send_the_same_submission(store, backoffice):
    for i in range(20):
        store.submit("svc", {"i": i}, actor="staff:1")
    workers = [deliverer(store, backoffice) for k in range(2)]
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda d: d.run_once(), workers))
    assert sum(r.delivered for r in reports) == 20
    assert len(backoffice.received.requests) == 20 == len(backoffice.received.effects)
    assert store.verify_audit().ok
