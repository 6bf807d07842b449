"""The citizen session as a state machine, Qt-free, driven with real typed results.

Each read is a real read of the emulated chip (in process, through icao.chip's transport: the
same icao.reader, passive authentication, genuineness and icao.lds parsers as the kiosk),
judged by kiosk.reading.inspection; each face result is a real FaceOutcome. The tests prove the
session decides every transition: after the read the verdict decides whether the citizen may
go on, before any face work is due; staff may override a face mismatch, never a chip verdict;
results of work that is no longer due are dropped.
"""

from __future__ import annotations

import pytest

from icao.errors import AccessDenied, CardRemoved
from icao.keys import AccessKey
from kiosk.problems import Problem
from kiosk.reading import ChipRead, ReadFailure, classify
from kiosk.session import InvalidTransition, Session, Step, WipeReason
from kiosk.work import CheckFace, FindCard, ReadCard, Submit

from .people import chip_read
from .support import FakeClock, face, key_to_reading

SERVICE = "xac-nhan-so-cmnd"  # the first service: "Kính gửi" is its only citizen field
CITIZEN_FIELD = "Công an phường Hoàn Kiếm"


@pytest.fixture(scope="module")
def genuine() -> ChipRead:
    return chip_read()


def to_reading(s: Session) -> ReadCard:
    """Welcome -> consent -> service -> CAN -> the card is found: the read is due."""
    s.start("vi")
    s.consent(True)
    s.choose_service(SERVICE)
    return key_to_reading(s)


def record(s: Session) -> list[tuple[str, Step]]:
    seen: list[tuple[str, Step]] = []
    s.subscribe(lambda sess, what: seen.append((what, sess.step)))
    return seen


# --- the outcomes of a read -------------------------------------------------------------------

def test_genuine_card_goes_to_the_face_check_then_review_submit_receipt(genuine):
    s = Session()
    seen = record(s)
    s.read_progress("DG2", 1, 2)  # before the read: ignored
    work = to_reading(s)
    s.read_progress("DG2", 100, 200)
    assert s.progress == ("DG2", 100, 200)
    s.read_finished(work, genuine)
    check = s.due
    assert s.step is Step.FACE and isinstance(check, CheckFace)
    assert check.portrait is genuine.portrait  # DG2 as parsed once by the reading service
    s.face_progress("turn_left")
    assert s.face_hint == "turn_left"
    s.face_finished(check, face(accepted=True))
    assert s.step is Step.REVIEW and s.due is None
    draft = s.personal.draft
    assert draft is not None and draft.service.code == SERVICE
    assert draft.get("ho_ten").value == genuine.identity.full_name
    assert not draft.valid  # "Kính gửi" is the citizen's to fill
    with pytest.raises(InvalidTransition, match="not complete"):
        s.confirm()
    s.edit_field("kinh_gui", CITIZEN_FIELD)
    assert s.personal.draft.valid
    s.confirm(print_copy=True)
    submit = s.due
    assert s.step is Step.SUBMITTING and isinstance(submit, Submit)
    assert (submit.service_code, submit.actor, submit.print_copy, submit.override_reason) == (
        SERVICE, "citizen", True, None)
    assert submit.subject == genuine.identity.id_number
    s.submitted(submit, "HS-7K3Q9")
    assert s.step is Step.RECEIPT and s.reference == "HS-7K3Q9"
    assert s.personal.holds_anything()
    s.finish()
    assert s.step is Step.WELCOME and not s.personal.holds_anything()
    assert s.reference is None and s.service_code is None and s.due is None
    assert s.last_wipe is WipeReason.FINISHED
    assert ("wiped", Step.WELCOME) in seen
    work_events = [step for what, step in seen if what == "work"]
    assert work_events == [Step.PLACE_CARD, Step.READING, Step.FACE, Step.SUBMITTING]


@pytest.mark.parametrize("options, problem, files", [
    ({"tamper_dg": 2}, Problem.NOT_GENUINE, ("DG2",)),     # PA failed: the photo was swapped
    ({"tamper_dg": 13}, Problem.NOT_GENUINE, ("DG13",)),   # PA failed: the details were edited
    ({"clone": True}, Problem.CLONED, ()),                 # right data, wrong chip keys
])
def test_a_card_that_fails_its_chip_checks_never_reaches_the_face_check(options, problem,
                                                                        files):
    bad = chip_read(**options)
    s = Session()
    seen = record(s)
    work = to_reading(s)
    s.read_finished(work, bad)
    assert s.step is Step.ERROR and s.error is not None
    assert s.error.code is problem and s.error.retry_step is None  # go to a counter
    assert s.error.detail == " ".join((bad.verdict.status.value, *files))
    assert s.due is None
    assert Step.FACE not in [step for _what, step in seen]
    # staff cannot accept it, with or without a reason
    with pytest.raises(InvalidTransition, match="failed its chip checks"):
        s.staff_override_face("Đã đối chiếu giấy tờ khác")
    assert s.step is Step.ERROR and s.personal.draft is None
    s.retry()  # "try again" has nowhere to go: the session ends
    assert s.step is Step.WELCOME and not s.personal.holds_anything()


def test_a_forged_chip_photo_is_never_decoded_for_display():
    assert chip_read(tamper_dg=2).portrait_png is None
    assert chip_read(clone=True).portrait_png is None


def test_not_provable_stops_the_citizen_only_when_the_policy_requires_genuine():
    unproven = chip_read(trusted=False)  # no CSCA of the card's state in the trust store
    assert unproven.verdict.status == "not_provable"
    strict = Session(require_genuine=True)
    strict.read_finished(to_reading(strict), unproven)
    assert strict.step is Step.ERROR and strict.error.code is Problem.NOT_PROVABLE
    with pytest.raises(InvalidTransition):
        strict.staff_override_face("reason")
    lenient = Session(require_genuine=False)
    lenient.read_finished(to_reading(lenient), unproven)
    assert lenient.step is Step.FACE and isinstance(lenient.due, CheckFace)


def test_a_wrong_can_goes_back_to_the_key_and_forgets_it():
    s = Session()
    work = to_reading(s)
    s.read_failed(work, classify(AccessDenied("PACE refused", step="pace-token", sw=0x63C2,
                                              tries_left=2)))
    assert s.step is Step.ERROR and s.error.code is Problem.ACCESS_DENIED
    assert s.error.detail == "step=pace-token SW=63C2"
    assert s.personal.access_key is None and s.due is None
    s.retry()
    assert s.step is Step.ACCESS_KEY


def test_card_pulled_mid_read_retries_at_place_card_and_reads_again(genuine):
    s = Session()
    work = to_reading(s)
    s.read_failed(work, classify(CardRemoved("card left", step="read:DG2")))
    assert s.error.code is Problem.CARD_REMOVED and s.error.retry_step is Step.PLACE_CARD
    assert s.personal.access_key is not None  # the key is kept for the retry
    s.retry()
    find = s.due
    assert s.step is Step.PLACE_CARD and isinstance(find, FindCard)
    s.card_present()  # the card came back (a reader event)
    again = s.due
    assert isinstance(again, ReadCard) and again is not work
    s.read_finished(work, genuine)  # the first read's late result: no longer due
    assert s.step is Step.READING
    s.read_finished(again, genuine)
    assert s.step is Step.FACE


def test_card_pulled_after_the_read_wipes(genuine):
    s = Session()
    s.read_finished(to_reading(s), genuine)
    assert s.personal.identity is not None
    s.card_removed()
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.CARD_REMOVED
    assert not s.personal.holds_anything() and s.due is None


def test_no_usable_reader_is_reported_at_place_card():
    s = Session()
    s.start("vi")
    s.consent(True)
    s.choose_service(SERVICE)
    s.set_access_key(AccessKey.from_can("123456"))
    s.card_search_finished(s.due, problem=Problem.VIRTUAL_READER, present=False)
    assert s.step is Step.ERROR and s.error.code is Problem.VIRTUAL_READER
    assert s.personal.read is None


def test_no_card_yet_waits_for_the_reader_event():
    s = Session()
    s.start("vi")
    s.consent(True)
    s.choose_service(SERVICE)
    s.set_access_key(AccessKey.from_can("123456"))
    s.card_search_finished(s.due, problem=None, present=False)
    assert s.step is Step.PLACE_CARD and s.due is None
    assert s.card_present() is True and isinstance(s.due, ReadCard)


# --- the face check -----------------------------------------------------------------------------

def test_face_failure_needs_a_reason_to_override_and_the_reason_goes_with_the_submission(
        genuine):
    s = Session()
    s.read_finished(to_reading(s), genuine)
    s.face_finished(s.due, face(accepted=False))
    assert s.step is Step.ERROR and s.error.code is Problem.FACE_FAILED
    assert s.error.retry_step is Step.FACE and s.personal.draft is None
    with pytest.raises(ValueError):
        s.staff_override_face("   ")
    with pytest.raises(ValueError, match="own login"):  # never anonymous (issue 16)
        s.staff_override_face("Ảnh trên thẻ cũ", by="staff")
    assert s.step is Step.ERROR
    s.staff_override_face("Ảnh trên thẻ cũ, đã đối chiếu giấy tờ khác", by="staff:nv01")
    assert s.step is Step.REVIEW and s.personal.draft is not None
    s.staff_take_over("staff:nv01")
    s.edit_field("kinh_gui", CITIZEN_FIELD)
    s.confirm()
    submit = s.due
    assert isinstance(submit, Submit)
    assert (submit.actor, submit.override_by) == ("staff:nv01", "staff:nv01")
    assert submit.override_reason == "Ảnh trên thẻ cũ, đã đối chiếu giấy tờ khác"
    assert submit.read is s.personal.read and submit.face is s.personal.face


def test_face_retry_makes_a_new_check_due(genuine):
    s = Session()
    s.read_finished(to_reading(s), genuine)
    first = s.due
    s.face_failed(first, Problem.NO_CAMERA, "camera_unavailable")
    assert s.error.code is Problem.NO_CAMERA
    s.retry()
    second = s.due
    assert s.step is Step.FACE and isinstance(second, CheckFace) and second is not first
    s.face_finished(first, face(accepted=True))  # stale: dropped
    assert s.step is Step.FACE


def test_a_chip_that_withholds_its_photo_is_not_genuine_and_stops_without_override():
    # a clone that hides DG2 would otherwise reach a staff override (issue 14): the SOD lists
    # DG2, the chip withholds it, so the verdict is not genuine, naming DG2
    withheld = chip_read(files=("COM", "SOD", "DG1", "DG13", "DG14", "DG15"))
    assert withheld.portrait is None and withheld.verdict.files == ("DG2",)
    s = Session()
    s.read_finished(to_reading(s), withheld)
    assert s.error.code is Problem.NOT_GENUINE and s.due is None
    with pytest.raises(InvalidTransition):
        s.staff_override_face("reason")


# --- idle, consent, order ---------------------------------------------------------------------

def test_declining_consent_reads_nothing_and_returns_to_welcome():
    s = Session()
    s.start("en")
    s.consent(False)
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.DECLINED


def test_card_cannot_be_read_before_consent_and_key():
    s = Session()
    assert s.card_present() is False
    s.start("vi")
    assert s.card_present() is False and s.due is None
    with pytest.raises(InvalidTransition):
        s.set_access_key(AccessKey.from_can("123456"))


def test_idle_timeout_wipes_personal_data_but_not_during_a_read(genuine):
    clock = FakeClock()
    s = Session(idle_timeout_s=60, clock=clock)
    work = to_reading(s)
    clock.now += 500
    assert s.check_idle() is False  # reading: the worker ends it
    s.read_finished(work, genuine)
    clock.now += 59.9
    assert s.check_idle() is False
    s.face_progress("look_straight")  # the face check's prompts count as activity
    clock.now += 59.9
    assert s.check_idle() is False
    clock.now += 0.2
    assert s.check_idle() is True
    assert s.step is Step.WELCOME and not s.personal.holds_anything()
    assert s.last_wipe is WipeReason.IDLE and s.due is None


def test_a_wipe_drops_the_result_of_running_work(genuine):
    s = Session()
    work = to_reading(s)
    s.cancel()
    s.read_finished(work, genuine)  # the worker finishes after the citizen left
    assert s.step is Step.WELCOME and not s.personal.holds_anything()


def test_read_failure_codes_are_typed():
    assert classify(CardRemoved("x")) == ReadFailure(Problem.CARD_REMOVED, "")
    assert classify(ValueError("x")).problem is Problem.READ_FAILED
