"""The citizen session state machine: consent first, wipe on idle, card removal and finish."""

from __future__ import annotations

import pytest

from kiosk.session import InvalidTransition, Session, Step, WipeReason


class FakeClock:
    """A controllable monotonic clock (the session's only notion of time)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _to_reading(s: Session) -> None:
    s.start("vi")
    s.consent(True)
    s.choose_service("cu-tru-thuong-tru")
    s.set_access_key("KEY")
    assert s.card_present() is True


def test_happy_path_reaches_receipt_and_finish_wipes_everything():
    s = Session()
    seen = []
    s.subscribe(lambda sess, what: seen.append((what, sess.step)))
    _to_reading(s)
    s.read_progress("DG2", 100, 200)
    assert s.progress == ("DG2", 100, 200)
    s.read_finished(document="DOC", verification="VER", genuineness="GEN", identity="ID",
                    portrait="IMG")
    assert s.step is Step.FACE
    s.face_finished("FACE", matched=True)
    assert s.step is Step.REVIEW
    s.set_draft("DRAFT")
    s.confirm()
    s.submitted("HS-7K3Q9")
    assert s.step is Step.RECEIPT and s.reference == "HS-7K3Q9"
    assert s.personal.holds_anything()
    s.finish()
    assert s.step is Step.WELCOME
    assert not s.personal.holds_anything()
    assert s.reference is None and s.service_code is None
    assert s.last_wipe is WipeReason.FINISHED
    assert ("wiped", Step.WELCOME) in seen


def test_declining_consent_reads_nothing_and_returns_to_welcome():
    s = Session()
    s.start("en")
    s.consent(False)
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.DECLINED


def test_card_cannot_be_read_before_consent_and_key():
    s = Session()
    assert s.card_present() is False
    s.start("vi")
    assert s.card_present() is False
    with pytest.raises(InvalidTransition):
        s.set_access_key("KEY")


def test_idle_timeout_wipes_personal_data_but_not_during_a_read():
    clock = FakeClock()
    s = Session(idle_timeout_s=60, clock=clock)
    _to_reading(s)
    clock.now += 500
    assert s.check_idle() is False  # reading: the worker ends it
    s.read_finished(document="DOC", verification=None, genuineness=None, identity="ID")
    clock.now += 59.9
    assert s.check_idle() is False
    s.touch()
    clock.now += 59.9
    assert s.check_idle() is False
    clock.now += 0.2
    assert s.check_idle() is True
    assert s.step is Step.WELCOME and not s.personal.holds_anything()
    assert s.last_wipe is WipeReason.IDLE


def test_card_removed_after_read_wipes_but_is_ignored_before():
    s = Session()
    s.start("vi")
    s.card_removed()
    assert s.step is Step.CONSENT
    s.consent(True)
    s.choose_service("x")
    s.set_access_key("KEY")
    s.card_present()
    s.read_finished(document="DOC", verification=None, genuineness=None, identity="ID")
    s.card_removed()
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.CARD_REMOVED
    assert not s.personal.holds_anything()


def test_wrong_can_goes_back_to_the_key_and_forgets_it():
    s = Session()
    _to_reading(s)
    s.read_failed("access_denied", "SW=63C2")
    assert s.step is Step.ERROR and s.error.code == "access_denied"
    assert s.personal.access_key is None
    s.retry()
    assert s.step is Step.ACCESS_KEY


def test_card_pulled_mid_read_retries_at_place_card():
    s = Session()
    _to_reading(s)
    s.read_failed("card_removed")
    s.retry()
    assert s.step is Step.PLACE_CARD
    assert s.personal.access_key == "KEY"


def test_face_failure_needs_a_reason_to_override():
    s = Session()
    _to_reading(s)
    s.read_finished(document="DOC", verification=None, genuineness=None, identity="ID")
    s.face_finished("FACE", matched=False)
    assert s.error.code == "face_failed"
    with pytest.raises(ValueError):
        s.staff_override_face("   ")
    s.staff_override_face("Ảnh trên thẻ cũ, đã đối chiếu giấy tờ khác")
    assert s.step is Step.REVIEW
    assert s.staff_override == "Ảnh trên thẻ cũ, đã đối chiếu giấy tờ khác"
