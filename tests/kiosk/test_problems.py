"""kiosk.problems: every problem's words and action, tries left in words, and a blocked CAN
(a real refusal of the emulated chip) that reaches the session as card_blocked with the MRZ
route as its way forward."""

from __future__ import annotations

import re

import pytest

from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.errors import AccessDenied
from icao.keys import AccessKey
from icao.reader import read
from kiosk.problems import (
    ADVICE,
    CHIP_PROBLEMS,
    Action,
    Problem,
    action_label,
    advice,
    citizen_text,
    staff_detail,
    tries_left,
)
from kiosk.reading import classify
from kiosk.session import Session, Step
from kiosk.work import ReadCard

#: What a citizen screen must never show: status words, step ids, exception names.
TECHNICAL = re.compile(r"SW=|\b[0-9A-F]{4}\b|step=|pace-|[a-z]+_[a-z]+|Error\b")


def test_every_problem_says_what_happened_and_what_to_do_in_both_languages():
    assert set(ADVICE) == set(Problem)
    for problem in Problem:
        a = advice(problem)
        assert a.vi and a.en and a.vi != a.en
        assert not TECHNICAL.search(a.vi) and not TECHNICAL.search(a.en), problem
        assert action_label(a.action, "vi") and action_label(a.action, "en")


def test_chip_problems_send_the_citizen_to_a_counter_and_kiosk_problems_to_staff():
    for problem in CHIP_PROBLEMS | {Problem.UNSUPPORTED}:
        assert advice(problem).action is Action.COUNTER
    for problem in (Problem.NO_READER, Problem.VIRTUAL_READER, Problem.NO_CAMERA):
        assert advice(problem).action is Action.CALL_STAFF
    assert advice(Problem.CARD_BLOCKED).action is Action.USE_MRZ
    assert "MRZ" in advice(Problem.CARD_BLOCKED).en
    assert "công an" in advice(Problem.CARD_BLOCKED).vi
    assert advice("no such code") == advice(Problem.READ_FAILED)


@pytest.mark.parametrize(("n", "en", "vi"), [
    (1, "1 try left", "Còn 1 lần thử"), (2, "2 tries left", "Còn 2 lần thử"),
    (9, "9 tries left", "Còn 9 lần thử"),
    (0, "No tries left: the card is locked", "Thẻ đã bị khóa")])
def test_tries_left_in_words_with_the_right_grammar(n, en, vi):
    assert tries_left(n, "en") == en
    assert tries_left(n, "vi") == vi


def test_a_wrong_can_says_the_tries_left_and_nothing_technical():
    assert citizen_text(Problem.ACCESS_DENIED, "en", 1) == (
        "The number did not open your card. Check the 6-digit CAN (the last 6 digits of your "
        "ID number) and try again. 1 try left.")
    assert citizen_text(Problem.ACCESS_DENIED, "vi", None).endswith("rồi thử lại.")
    assert citizen_text(Problem.CARD_REMOVED, "en", 2) == advice(Problem.CARD_REMOVED).en
    assert staff_detail(Problem.ACCESS_DENIED, "step=pace-token SW=63C2", 2) == (
        "access_denied step=pace-token SW=63C2 tries_left=2")


def _refused(tries: int, can: str = "000000") -> AccessDenied:
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", password_tries=tries))
    with pytest.raises(AccessDenied) as info:
        read(ChipTransport(chip), AccessKey.from_can(can), ("DG1",))
    return info.value


def test_the_chip_counts_down_and_the_last_wrong_can_blocks_it():
    wrong = _refused(3)
    assert (wrong.tries_left, wrong.sw) == (2, 0x63C2)
    assert classify(wrong).problem is Problem.ACCESS_DENIED
    blocked = _refused(1)
    assert (blocked.tries_left, blocked.sw) == (0, 0x63C0)
    failure = classify(blocked)
    assert (failure.problem, failure.tries_left) == (Problem.CARD_BLOCKED, 0)


def test_a_blocked_can_leaves_the_mrz_to_open_the_card():
    """Each password has its own counter: the advice "use the MRZ" is true."""
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", password_tries=1))
    transport = ChipTransport(chip)
    with pytest.raises(AccessDenied):
        read(transport, AccessKey.from_can("000000"), ("DG1",))
    with pytest.raises(AccessDenied) as again:  # blocked: even the right CAN is refused
        read(transport, AccessKey.from_can(chip.access_data.can), ("DG1",))
    assert again.value.tries_left == 0
    doc = read(transport, AccessKey.from_mrz_text(chip.access_data.mrz), ("DG1",))
    assert doc.access.protocol == "PACE" and doc.access.password == "mrz"
    assert "DG1" in doc.files


def test_a_blocked_can_goes_back_to_the_key_forgotten_for_the_mrz_route():
    s = Session()
    s.start("vi")
    s.consent(True)
    s.choose_service("xac-nhan-so-cmnd")
    s.set_access_key(AccessKey.from_can("000000"))
    s.card_present()
    work = s.due
    assert isinstance(work, ReadCard)
    s.read_failed(work, classify(_refused(1)))
    assert s.step is Step.ERROR
    assert (s.error.code, s.error.retry_step, s.error.tries_left) == (
        Problem.CARD_BLOCKED, Step.ACCESS_KEY, 0)
    assert s.personal.access_key is None
    s.retry()
    assert s.step is Step.ACCESS_KEY
