"""kiosk/store/outbox.py: delivery with idempotency keys, backoff, permanent failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.store import StoreError
from kiosk.store.models import OutboxRow
from kiosk.store.outbox import Backoff, Deliverer, DeliveryReport, retry_failed
from kiosk.store.testserver import BackOfficeServer
from tests.store.conftest import FORM, T0


def _outbox(store) -> list[OutboxRow]:
    with store.transaction() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def test_every_submission_is_posted_once_with_its_idempotency_key(store, backoffice, clock):
    subs = [store.submit("svc", {**FORM, "n": i}, actor="staff:1") for i in range(3)]
    report = Deliverer(store, backoffice.url, worker_id="k1").run_once()
    assert report == DeliveryReport(attempted=3, delivered=3, retrying=0, failed=0)
    keys = [b.idempotency_key for b in _outbox(store)]
    assert backoffice.received.requests == [(k, s.reference) for k, s in zip(keys, subs, strict=True)]
    doc = backoffice.received.effects[keys[1]]
    assert doc == {"reference": subs[1].reference, "service_code": "svc",
                   "created_at": T0.isoformat(), "form": {**FORM, "n": 1}}
    assert [s.status for s in store.list_submissions()] == ["delivered"] * 3
    assert store.submission(subs[0].reference).delivered_at == T0
    assert Deliverer(store, backoffice.url).run_once().attempted == 0
    assert [e.event for e in store.audit_entries(reference=subs[2].reference)] == [
        "submission.created", "submission.delivered"]
    assert store.verify_audit().ok


def test_server_errors_are_retried_with_exponential_backoff_and_jitter(store, clock):
    sub = store.submit("svc", FORM, actor="staff:1")
    statuses = iter([503, 500, 201])
    with BackOfficeServer(respond=lambda n: next(statuses)) as bo:
        d = Deliverer(store, bo.url, worker_id="k1", backoff=Backoff(base_s=2, max_s=600),
                      rand=lambda: 0.5)
        assert d.run_once() == DeliveryReport(1, 0, 1, 0)
        [box] = _outbox(store)
        # first failure: 2 s window, equal jitter: 1 + 1 * 0.5
        assert (box.attempts, box.next_attempt_at, box.last_error) == (
            1, T0 + timedelta(seconds=1.5), "HTTP 503")
        assert box.lease_owner is None
        assert d.run_once().attempted == 0  # not due yet
        clock.advance(seconds=1.5)
        assert d.run_once() == DeliveryReport(1, 0, 1, 0)
        [box] = _outbox(store)
        assert box.next_attempt_at == clock.now + timedelta(seconds=3)  # 4 s window
        clock.advance(seconds=3)
        assert d.run_once() == DeliveryReport(1, 1, 0, 0)
    assert store.submission(sub.reference).status == "delivered"
    keys = {k for k, _ in bo.received.requests}
    assert len(bo.received.requests) == 3 and len(keys) == 1


def test_backoff_is_capped():
    b = Backoff(base_s=2, max_s=600)
    assert [b.delay(n, 0.0) for n in (1, 2, 3, 10, 30)] == [1, 2, 4, 300, 300]
    assert b.delay(30, 0.999999) == pytest.approx(600, abs=1e-3)


def test_unreachable_back_office_is_a_retry_not_a_crash(store, clock):
    store.submit("svc", FORM, actor="staff:1")
    d = Deliverer(store, "http://127.0.0.1:9/none", worker_id="k1", timeout_s=2, rand=lambda: 0)
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)
    [box] = _outbox(store)
    assert box.last_error == "URLError" and box.next_attempt_at == T0 + timedelta(seconds=1)


def test_rejected_submission_is_marked_failed_and_can_be_requeued(store, clock):
    sub = store.submit("svc", FORM, actor="staff:1")
    with BackOfficeServer(respond=lambda n: 422 if n == 0 else None) as bo:
        d = Deliverer(store, bo.url, worker_id="k1")
        assert d.run_once() == DeliveryReport(1, 0, 0, 1)
        assert store.submission(sub.reference).status == "failed"
        assert store.outbox_stats().failed == 1
        assert store.audit_entries(reference=sub.reference)[-1].details == {
            "attempts": 1, "http_status": 422}
        assert retry_failed(store, actor="staff:nv01") == 1
        assert d.run_once() == DeliveryReport(1, 1, 0, 0)
    assert store.submission(sub.reference).status == "delivered"


def test_redirects_are_not_followed(store, clock):
    store.submit("svc", FORM, actor="staff:1")
    with BackOfficeServer(respond=lambda n: 307) as bo:
        assert Deliverer(store, bo.url, worker_id="k1").run_once() == DeliveryReport(1, 0, 1, 0)
        assert len(bo.received.requests) == 1
    assert _outbox(store)[0].last_error == "HTTP 307"


def test_a_lease_held_by_another_worker_is_respected_until_it_expires(store, backoffice, clock):
    store.submit("svc", FORM, actor="staff:1")
    steps: list[str] = []
    a = Deliverer(store, backoffice.url, worker_id="a", lease_s=60,
                  on_step=lambda step, ref: steps.append(step))
    claim = a._claim()  # a claims, then "dies" before sending
    assert claim is not None and steps == ["claimed"]
    b = Deliverer(store, backoffice.url, worker_id="b")
    assert b.run_once().attempted == 0
    clock.advance(seconds=61)
    assert b.run_once() == DeliveryReport(1, 1, 0, 0)
    assert _outbox(store)[0].attempts == 2


def test_no_url_is_an_actionable_error(store):
    with pytest.raises(StoreError, match=r"set \[backoffice\] url"):
        Deliverer(store, "")


def test_run_forever_delivers_new_submissions_until_stopped(make_store, backoffice):
    import threading
    import time

    from kiosk.store.timeutil import utc_now

    store = make_store(clock=utc_now)  # real time: the worker polls the real clock
    stop = threading.Event()
    deliverer = Deliverer(store, backoffice.url, worker_id="k1")
    worker = threading.Thread(target=deliverer.run_forever, args=(stop,),
                              kwargs={"idle_s": 0.02})
    worker.start()
    try:
        sub = store.submit("svc", FORM, actor="staff:1")
        deadline = time.monotonic() + 30
        while store.submission(sub.reference).status != "delivered":
            assert time.monotonic() < deadline, "not delivered within 30 s"
            time.sleep(0.01)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert len(backoffice.received.effects) == 1


def test_background_delivery_from_config(make_store, backoffice):
    import time

    from kiosk.config import BackofficeSettings, Config, KioskSettings
    from kiosk.store.outbox import BackgroundDelivery
    from kiosk.store.timeutil import utc_now

    store = make_store(clock=utc_now)
    assert BackgroundDelivery.from_config(store, Config()) is None  # no URL
    training = Config(kiosk=KioskSettings(training_mode=True),
                      backoffice=BackofficeSettings(url=backoffice.url))
    assert BackgroundDelivery.from_config(store, training) is None
    bg = BackgroundDelivery.from_config(store, Config(backoffice=BackofficeSettings(
        url=backoffice.url, retry_base_s=0.05)))
    assert bg is not None
    bg.idle_s = 0.02
    bg.start()
    try:
        sub = store.submit("svc", FORM, actor="staff:1")
        deadline = time.monotonic() + 30
        while store.submission(sub.reference).status != "delivered":
            assert time.monotonic() < deadline, "not delivered within 30 s"
            time.sleep(0.01)
    finally:
        assert bg.stop() is True
