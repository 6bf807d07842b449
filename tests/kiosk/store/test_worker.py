"""kiosk/store/outbox.py BackgroundDelivery and pacing.py: the delivery thread never dies
silently; its state is what `diag health` shows. The attack on main: a `file:` back-office URL
killed the app's delivery thread with a TypeError, and nothing said so."""

from __future__ import annotations

import logging
import threading
import time

from kiosk.config import BackofficeSettings, Config, KioskSettings
from kiosk.store import StoreUnavailable
from kiosk.store.http import Reply
from kiosk.store.outbox import BackgroundDelivery, Backoff, Deliverer, delivery_status
from kiosk.store.pacing import StatusBoard
from kiosk.store.timeutil import utc_now
from tests.kiosk.store.conftest import FORM


def _config(bo, **kw) -> Config:
    return Config(backoffice=BackofficeSettings(
        url=bo.url, ca_file=bo.tls_settings.ca_file, token_file=bo.tls_settings.token_file,
        retry_base_s=0.05, **kw))


def _wait(pred, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def test_background_delivery_from_config_delivers_and_reports(make_store, backoffice):
    store = make_store(clock=utc_now)  # real time: the worker polls the real clock
    assert BackgroundDelivery.from_config(store, Config()) is None  # no URL
    assert delivery_status().state == "disabled"
    assert delivery_status().reason == "no back-office URL ([backoffice] url)"
    training = Config(kiosk=KioskSettings(training_mode=True),
                      backoffice=BackofficeSettings(url=backoffice.url))
    assert BackgroundDelivery.from_config(store, training) is None
    assert delivery_status().reason == "training mode: nothing is delivered"
    bg = BackgroundDelivery.from_config(store, _config(backoffice))
    assert bg is not None and bg.status().state == "starting"
    bg.idle_s = 0.02
    bg.start()
    try:
        sub = store.submit("svc", FORM, actor="staff:1")
        _wait(lambda: store.submission(sub.reference).status == "delivered")
        _wait(lambda: bg.status().delivered == 1)
        st = delivery_status()
        assert (st.state, st.errors_in_a_row, st.last_error) == ("idle", 0, None)
        assert st.last_success_at is not None and st.last_anchor_at is not None
        assert backoffice.received.anchors[0]["seq"] >= 1  # the interval anchor was POSTed
    finally:
        assert bg.stop() is True
    assert bg.status().state == "stopped"


def test_a_file_url_gives_a_worker_that_says_why_it_does_not_run(make_store):
    """Settings files are validated, but a Config built in code (or an older file) is not."""
    store = make_store()
    bad = Config(backoffice=BackofficeSettings(url="file:///tmp/submissions"))
    bg = BackgroundDelivery.from_config(store, bad)
    assert bg is not None
    bg.start()  # nothing to start: no thread, no crash
    st = bg.status()
    assert (st.state, st.reason) == ("misconfigured", "backoffice.url must be an https:// URL "
                                     "with a host (got scheme 'file'): give "
                                     "https://HOST[:PORT]/PATH")
    assert delivery_status() == st
    assert bg.stop() is True


class _Recording(StatusBoard):
    """Keeps every state the worker passes through (polling would miss the short ones)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None]] = []

    def update(self, **changes) -> None:
        super().update(**changes)
        st = self.snapshot()
        self.seen.append((st.state, st.last_error))


class _Exploding:
    """A sender that fails like a bug would, then recovers."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    def post(self, url, body, headers, *, key):
        if self.failures:
            self.failures -= 1
            raise TypeError("expected str, bytes or os.PathLike object, not NoneType")
        return Reply(201, True)


def test_a_sender_that_raises_is_a_retry_not_a_dead_thread(make_store):
    store = make_store(clock=utc_now)
    sub = store.submit("svc", FORM, actor="staff:1")
    d = Deliverer(store, "https://bo.example/in", sender=_Exploding(2),
                  backoff=Backoff(0.01, 0.02))
    board = _Recording()
    stop = threading.Event()
    worker = threading.Thread(target=d.run_forever, args=(stop,),
                              kwargs={"idle_s": 0.01, "board": board})
    worker.start()
    try:
        _wait(lambda: store.submission(sub.reference).status == "delivered")
    finally:
        stop.set()
        worker.join(timeout=30)
    assert ("retrying", "TypeError in the sender") in board.seen
    assert board.snapshot().state == "stopped" and board.snapshot().delivered == 1


def test_a_failing_round_is_logged_backed_off_and_survived(make_store, caplog):
    store = make_store(clock=utc_now)
    sub = store.submit("svc", FORM, actor="staff:1")
    d = Deliverer(store, "https://bo.example/in", sender=_Exploding(0))
    real_claim, failures = d._claim, [2]

    def flaky():  # the database goes away for two rounds
        if failures[0]:
            failures[0] -= 1
            raise StoreUnavailable("the sqlite database is not reachable or busy")
        return real_claim()

    d._claim = flaky  # type: ignore[method-assign]  # fault injection
    board = _Recording()
    stop = threading.Event()
    caplog.set_level(logging.INFO, "kiosk.store.outbox")
    worker = threading.Thread(target=d.run_forever, args=(stop,),
                              kwargs={"idle_s": 0.01, "board": board})
    worker.start()
    try:
        _wait(lambda: store.submission(sub.reference).status == "delivered")
    finally:
        stop.set()
        worker.join(timeout=30)
    assert board.seen[:3] == [
        ("idle", None),
        ("failing", "StoreUnavailable: the sqlite database is not reachable or busy"),
        ("failing", "StoreUnavailable: the sqlite database is not reachable or busy")]
    assert board.snapshot().state == "stopped"
    assert [r.getMessage() for r in caplog.records][:3] == [
        "delivery round failed (StoreUnavailable), 1 in a row; next try in 0 s",
        "delivery round failed (StoreUnavailable), 2 in a row; next try in 0 s",
        "delivery rounds work again after 2 failures"]


def test_a_crashed_thread_shows_as_crashed(make_store, caplog):
    store = make_store()
    d = Deliverer(store, "https://bo.example/in", sender=_Exploding(0))

    def die(*a, **k):
        raise SystemExit("a bug that escapes every handler")

    d.run_forever = die  # type: ignore[method-assign]  # the test makes the thread die
    bg = BackgroundDelivery(d)
    bg.start()
    _wait(lambda: bg._thread is not None and not bg._thread.is_alive())
    assert (bg.status().state, bg.status().reason) == ("crashed", "SystemExit")
    assert any("the delivery thread crashed (SystemExit)" in r.getMessage()
               for r in caplog.records)
