"""kiosk/store/deliverer.py and http.py: delivery over HTTPS with idempotency keys, backoff,
permanent failures, complete answers only, one deadline per attempt, the payload's contents."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.store import DeliveryConfigError, Override
from kiosk.store.http import HttpsSender, TlsSettings
from kiosk.store.models import OutboxRow, SubmissionRow
from kiosk.store.outbox import Backoff, Deliverer, DeliveryReport, retry_failed
from kiosk.store.testserver import Answer
from tests.kiosk.store.conftest import FORM, T0, deliverer

VERDICT = {"status": "genuine", "pa": "passed", "chip_auth": "passed"}
FACE = {"decision": "no_match", "distance": 0.61, "threshold": 0.52, "liveness": "passed"}


def _outbox(store) -> list[OutboxRow]:
    with store.transaction() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def test_every_submission_is_posted_once_with_its_key_over_https(store, backoffice, clock):
    consent = store.record_consent(text_version="vi-2026.1", purpose="dang-ky-thuong-tru")
    subs = [store.submit("svc", {**FORM, "n": i}, actor="staff:nv01", verdict=VERDICT,
                         face=FACE, consent_id=consent.id,
                         override=Override("staff:nv02", "thẻ cũ, đã đối chiếu hộ chiếu")
                         if i == 1 else None) for i in range(3)]
    report = deliverer(store, backoffice, worker_id="k1").run_once()
    assert report == DeliveryReport(attempted=3, delivered=3, retrying=0, failed=0)
    keys = [b.idempotency_key for b in _outbox(store)]
    assert backoffice.received.requests == [(k, s.reference)
                                            for k, s in zip(keys, subs, strict=True)]
    assert backoffice.received.auth == [("test-token", None)] * 3
    doc = backoffice.received.effects[keys[1]]
    anchor = doc.pop("audit_anchor")
    assert doc == {
        "reference": subs[1].reference, "service_code": "svc", "created_at": T0.isoformat(),
        "kiosk_id": "local" if store.backend == "sqlite" else store.kiosk_id,
        "training": False, "submitted_by": "staff:nv01", "form": {**FORM, "n": 1},
        "verdict": VERDICT, "face": FACE,
        "override": {"by": "staff:nv02", "reason": "thẻ cũ, đã đối chiếu hộ chiếu"},
        "consent": {"id": consent.id, "text_version": "vi-2026.1",
                    "purpose": "dang-ky-thuong-tru", "language": "vi",
                    "given_at": T0.isoformat()},
        "parties": []}  # a one-person form
    # the chain head when it was sent: consent (1), created (2, 3, 5), override (4), the
    # first submission's delivery (6)
    assert (anchor["kiosk_id"], anchor["seq"]) == (store.kiosk_id, 6)
    assert [s.status for s in store.list_submissions()] == ["delivered"] * 3
    assert store.submission(subs[0].reference).delivered_at == T0
    assert deliverer(store, backoffice).run_once().attempted == 0
    assert [e.event for e in store.audit_entries(reference=subs[1].reference)] == [
        "submission.created", "face.override", "submission.delivered"]
    assert store.verify_audit().ok


def test_a_truncated_200_is_not_a_delivery(store, make_backoffice, clock):
    """The attack: a 200 whose body stops short counted as delivered on main."""
    sub = store.submit("svc", FORM, actor="staff:1")
    answers = iter([Answer(truncate=True), Answer()])
    bo = make_backoffice(lambda n: next(answers))
    d = deliverer(store, bo, rand=lambda: 0.5)
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)
    [box] = _outbox(store)
    assert (box.state, box.last_error) == ("pending", "IncompleteRead")
    assert store.submission(sub.reference).status == "pending"
    clock.advance(seconds=1.5)
    assert d.run_once() == DeliveryReport(1, 1, 0, 0)
    assert [k for k, _ in bo.received.requests] == [box.idempotency_key] * 2


def test_a_2xx_that_does_not_echo_the_key_is_not_a_delivery(store, make_backoffice):
    store.submit("svc", FORM, actor="staff:1")
    bo = make_backoffice(lambda n: Answer(status=200, echo=False))
    assert deliverer(store, bo).run_once() == DeliveryReport(1, 0, 1, 0)
    assert _outbox(store)[0].last_error == "HTTP 200 without the idempotency key echoed"


def test_one_deadline_per_attempt_not_per_read(store, make_backoffice, clock):
    """A back office that trickles its answer one byte at a time never hits a per-read
    timeout; the attempt's deadline ends it."""
    store.submit("svc", FORM, actor="staff:1")
    bo = make_backoffice(lambda n: Answer(trickle_s=0.3))
    d = deliverer(store, bo, timeout_s=1.0)
    t0 = time.monotonic()
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)
    assert time.monotonic() - t0 < 4.0  # the answer alone would take ~8 s
    assert _outbox(store)[0].last_error == "deadline of 1 s passed"


def test_server_errors_are_retried_with_exponential_backoff_and_jitter(store, make_backoffice,
                                                                      clock):
    sub = store.submit("svc", FORM, actor="staff:1")
    statuses = iter([503, 500, 201])
    bo = make_backoffice(lambda n: next(statuses))
    d = deliverer(store, bo, backoff=Backoff(base_s=2, max_s=600), rand=lambda: 0.5)
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


def test_unreachable_back_office_is_a_retry_not_a_crash(store, clock, tmp_path):
    store.submit("svc", FORM, actor="staff:1")
    token = tmp_path / "token"
    token.write_text("t\n")
    token.chmod(0o600)
    d = Deliverer(store, "https://127.0.0.1:9/none", timeout_s=2, rand=lambda: 0,
                  tls=TlsSettings(token_file=str(token)))
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)
    [box] = _outbox(store)
    assert box.last_error == "ConnectionRefusedError"
    assert box.next_attempt_at == T0 + timedelta(seconds=1)


def test_a_server_the_kiosk_does_not_trust_gets_nothing(store, backoffice):
    store.submit("svc", FORM, actor="staff:1")
    d = Deliverer(store, backoffice.url,
                  tls=TlsSettings(token_file=backoffice.tls_settings.token_file))
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)  # system CAs do not know the test CA
    assert _outbox(store)[0].last_error == "TLS: CERTIFICATE_VERIFY_FAILED"
    assert backoffice.received.requests == []


def test_a_client_certificate_identifies_the_kiosk(store, make_backoffice):
    store.submit("svc", FORM, actor="staff:1")
    bo = make_backoffice(token=None, require_client_cert=True, client_cn="hn-bd-01")
    assert bo.pki is not None
    d = Deliverer(store, bo.url, tls=TlsSettings(
        ca_file=str(bo.pki.ca_file), client_cert_file=str(bo.pki.client_cert),
        client_key_file=str(bo.pki.client_key)))
    assert d.run_once() == DeliveryReport(1, 1, 0, 0)
    assert bo.received.auth == [(None, "hn-bd-01")]


def test_a_wrong_token_is_refused_by_the_back_office_and_retried(store, backoffice, tmp_path):
    store.submit("svc", FORM, actor="staff:1")
    bad = tmp_path / "bad.token"
    bad.write_text("not-it\n")
    bad.chmod(0o600)
    d = Deliverer(store, backoffice.url, tls=TlsSettings(
        ca_file=backoffice.tls_settings.ca_file, token_file=str(bad)))
    assert d.run_once() == DeliveryReport(1, 0, 1, 0)
    assert (backoffice.received.refused, _outbox(store)[0].last_error) == (1, "HTTP 401")


@pytest.mark.parametrize("url, message", [
    ("file:///etc/passwd", "backoffice.url must be an https:// URL with a host (got scheme "
                           "'file')"),
    ("ftp://bo.example/x", "backoffice.url must be an https:// URL with a host (got scheme "
                           "'ftp')"),
    ("not a url", "backoffice.url must be an https:// URL with a host (got scheme 'none')"),
    ("http://bo.example/x", "backoffice.url must use https:// outside training mode"),
    ("", "no back-office URL is configured; set [backoffice] url"),
])
def test_urls_that_are_not_https_are_refused_at_once(store, url, message):
    with pytest.raises(DeliveryConfigError) as info:
        Deliverer(store, url, tls=TlsSettings(token_file="/nonexistent"))
    assert str(info.value).startswith(message)


def test_without_credentials_delivery_is_refused(store, backoffice):
    with pytest.raises(DeliveryConfigError, match=r"must know this kiosk: set "
                                                  r"backoffice.client_cert_file"):
        Deliverer(store, backoffice.url)


def test_a_token_file_others_can_read_is_refused(tmp_path):
    token = tmp_path / "t"
    token.write_text("x\n")
    token.chmod(0o644)
    with pytest.raises(DeliveryConfigError, match=r"can be read by other users; run `chmod"):
        HttpsSender(5, TlsSettings(token_file=str(token)))


def test_rejected_submission_is_marked_failed_and_can_be_requeued(store, make_backoffice):
    sub = store.submit("svc", FORM, actor="staff:1")
    bo = make_backoffice(lambda n: 422 if n == 0 else None)
    d = deliverer(store, bo)
    assert d.run_once() == DeliveryReport(1, 0, 0, 1)
    assert store.submission(sub.reference).status == "failed"
    assert store.outbox_stats().failed == 1
    assert store.audit_entries(reference=sub.reference)[-1].details == {
        "attempts": 1, "http_status": 422}
    assert retry_failed(store, actor="staff:nv01") == 1
    assert d.run_once() == DeliveryReport(1, 1, 0, 0)
    assert store.submission(sub.reference).status == "delivered"


def test_redirects_are_not_followed(store, make_backoffice):
    store.submit("svc", FORM, actor="staff:1")
    bo = make_backoffice(lambda n: 307)
    assert deliverer(store, bo).run_once() == DeliveryReport(1, 0, 1, 0)
    assert len(bo.received.requests) == 1
    assert _outbox(store)[0].last_error == "HTTP 307"


def test_a_lease_held_by_another_live_worker_is_respected_until_it_expires(store, backoffice,
                                                                           clock):
    store.submit("svc", FORM, actor="staff:1")
    steps: list[str] = []
    a = deliverer(store, backoffice, lease_s=60, on_step=lambda step, ref: steps.append(step))
    claim = a._claim()  # a claims, then stalls before sending (it is alive: same process)
    assert claim is not None and steps == ["claimed"]
    assert _outbox(store)[0].lease_owner == a.owner
    b = deliverer(store, backoffice)
    assert a.owner != b.owner and a.owner.split("/")[:4] == b.owner.split("/")[:4]
    assert b.run_once().attempted == 0
    clock.advance(seconds=61)
    assert b.run_once() == DeliveryReport(1, 1, 0, 0)
    assert _outbox(store)[0].attempts == 2


def test_a_lease_of_a_dead_process_on_this_kiosk_is_taken_at_once(store, backoffice):
    import subprocess
    import sys

    store.submit("svc", FORM, actor="staff:1")
    dead = subprocess.run([sys.executable, "-c", "from kiosk.store.owner import "
                           "ProcessIdentity as P; print(P.current())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with store.transaction() as s:
        box = s.scalars(select(OutboxRow)).one()
        box.lease_owner, box.lease_until = dead, T0 + timedelta(hours=1)
    assert deliverer(store, backoffice).run_once() == DeliveryReport(1, 1, 0, 0)


def test_training_submissions_are_never_delivered_whatever_the_mode_later(
        make_store, backoffice, clock):
    """The attack: demo submissions made in training mode were POSTed once training_mode
    was turned off."""
    trainer = make_store(training=True)
    made = [trainer.submit("svc", {**FORM, "n": i}, actor="staff:1") for i in range(3)]
    assert [s.status for s in made] == ["training"] * 3 and all(s.training for s in made)
    assert trainer.list_today() == trainer.list_submissions(training=True)
    real = make_store()  # the same kiosk, training mode now off
    real_sub = real.submit("svc", FORM, actor="staff:1")
    assert [s.reference for s in real.list_today()] == [real_sub.reference]
    assert deliverer(real, backoffice).run_once() == DeliveryReport(1, 1, 0, 0)
    assert [ref for _, ref in backoffice.received.requests] == [real_sub.reference]
    # even an outbox row forged for a training submission is refused, not sent
    with real.transaction() as s:
        s.add(OutboxRow(kiosk_id=real.kiosk_id, submission_id=made[0].id,
                        idempotency_key="forged", state="pending", attempts=0,
                        next_attempt_at=T0))
    assert deliverer(real, backoffice).run_once() == DeliveryReport(1, 0, 0, 1)
    assert len(backoffice.received.requests) == 1
    assert real.audit_entries(reference=made[0].reference)[-1].details == {
        "attempts": 1, "http_status": None, "reason": "training submission: never delivered"}
    assert retry_failed(real, actor="technician:t1") == 0
    # the mark is in the sealed case and the audit entry too: an insider who clears the
    # database column and queues the row still sends nothing
    assert real.case(made[1].reference)["training"] is True
    assert real.audit_entries(reference=made[1].reference)[0].details["training"] is True
    with real.transaction() as s:
        row = s.scalars(select(SubmissionRow).where(SubmissionRow.id == made[1].id)).one()
        row.training, row.status = False, "pending"
        s.add(OutboxRow(kiosk_id=real.kiosk_id, submission_id=made[1].id,
                        idempotency_key="forged-2", state="pending", attempts=0,
                        next_attempt_at=T0))
    assert deliverer(real, backoffice).run_once() == DeliveryReport(1, 0, 0, 1)
    assert [ref for _, ref in backoffice.received.requests] == [real_sub.reference]


def test_run_forever_delivers_new_submissions_until_stopped(make_store, backoffice):
    import threading

    from kiosk.store.timeutil import utc_now

    store = make_store(clock=utc_now)  # real time: the worker polls the real clock
    stop = threading.Event()
    d = deliverer(store, backoffice)
    worker = threading.Thread(target=d.run_forever, args=(stop,), kwargs={"idle_s": 0.02})
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
