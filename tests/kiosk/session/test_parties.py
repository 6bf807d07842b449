"""Two-person services in the session, Qt-free: every transition of the other parties.

Each read is a real read of an emulated chip (tests/kiosk/session/people.py: the built-in
citizen files; a fictional husband and wife are the others), judged by the kiosk's pipeline;
face results are FaceOutcomes as the station builds them. The tests prove the session asks
for each party the service declares, applies the same verdict and face rules to a present
party's card, takes a typed ID number only when it passes its checks, and wipes everyone's
data together.
"""

from __future__ import annotations

import pytest

from icao.errors import AccessDenied
from icao.keys import AccessKey
from kiosk.forms.model import PartyRecord
from kiosk.problems import Problem
from kiosk.reading import ChipRead, classify
from kiosk.session import (
    InvalidTransition,
    PartyOptions,
    PartyState,
    Session,
    Step,
    WipeReason,
)
from kiosk.work import CheckFace, FaceOverride, ReadCard, Submit

from .people import HUSBAND, WIFE, chip_read
from .support import FakeClock, face, key_to_reading

MARRIAGE, BIRTH, DEATH = "dang-ky-ket-hon", "dang-ky-khai-sinh", "dang-ky-khai-tu"


@pytest.fixture(scope="module")
def citizen() -> ChipRead:
    return chip_read()  # the built-in citizen: a woman


@pytest.fixture(scope="module")
def husband() -> ChipRead:
    return chip_read(HUSBAND)


@pytest.fixture(scope="module")
def wife() -> ChipRead:
    return chip_read(WIFE)


def read_card(s: Session, read: ChipRead) -> None:
    """ACCESS_KEY -> PLACE_CARD -> READING -> the read's result."""
    s.read_finished(key_to_reading(s), read)


def declarant(s: Session, service: str, read: ChipRead) -> None:
    """Welcome -> ... -> the declarant's read and face check passed."""
    s.start("vi")
    s.consent(True)
    s.choose_service(service)
    read_card(s, read)
    assert s.step is Step.FACE
    s.face_finished(s.due, face(accepted=True))


def swap_cards(s: Session) -> None:
    """The card just read leaves the reader; the next one arrives (reader events)."""
    s.card_removed()
    assert s.card_present() is True


def spouse_read(s: Session, read: ChipRead) -> ReadCard:
    """At the spouse's party step: read their card, the first card still on the reader."""
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("654321"))
    s.card_search_finished(s.due, problem=None, present=True)  # the first card, still there
    assert s.step is Step.PLACE_CARD and s.due is None  # not read again
    assert s.previous_card_on_reader
    swap_cards(s)
    work = s.due
    assert s.step is Step.READING and isinstance(work, ReadCard)
    s.read_finished(work, read)
    return work


def test_marriage_reads_both_cards_each_with_its_face_check_and_fills_both_columns(
        citizen, husband):
    s = Session()
    seen: list[str] = []
    s.subscribe(lambda sess, what: seen.append(what))
    declarant(s, MARRIAGE, citizen)
    assert s.step is Step.PARTY and s.personal.current == "spouse"
    spec = s.party_spec
    assert (spec.card_label("vi"), spec.card_label("en")) == ("Thẻ của vợ/chồng",
                                                             "The spouse's card")
    assert s.party_options() == PartyOptions(read=True, type_id=False, is_me=False, skip=False)
    with pytest.raises(InvalidTransition):
        s.party_skip()  # the spouse is needed
    with pytest.raises(InvalidTransition):
        s.party_type_id(HUSBAND["id_number"])  # a card is required
    spouse_read(s, husband)
    check = s.due
    assert s.step is Step.FACE and isinstance(check, CheckFace)
    assert check.portrait is husband.portrait  # the spouse's own photo, not the first one
    assert s.personal.portrait_png == husband.portrait_png
    s.face_finished(check, face(accepted=True))
    assert s.step is Step.REVIEW and s.personal.current == "declarant"
    assert s.personal.parties["spouse"].state is PartyState.READ
    draft = s.personal.draft
    assert draft.value("woman_ho_ten") == citizen.identity.full_name
    assert draft.value("man_ho_ten") == "Lê Văn Thử"
    assert draft.value("man_so_dinh_danh") == HUSBAND["id_number"]
    assert draft.form_errors == () and draft.second_pa_passed is True
    assert draft.parties == (PartyRecord("spouse", "card", True),)
    s.edit_field("kinh_gui", "UBND phường Hoàn Kiếm")
    assert s.personal.draft.valid, s.personal.draft.errors
    s.confirm()
    submit = s.due
    assert isinstance(submit, Submit)
    assert submit.subject == citizen.identity.id_number and submit.overrides == ()
    s.submitted(submit, "HS-2P")
    s.card_removed()  # the last card leaves after the receipt: everything of both goes
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.CARD_REMOVED
    assert not s.personal.holds_anything() and "spouse" not in s.personal.parties
    assert "party" in seen  # the first card's removal was shown, not a wipe


def test_the_first_card_may_leave_while_the_second_is_awaited_but_not_the_last(citizen,
                                                                              husband):
    s = Session()
    s.start("vi")
    s.consent(True)
    s.choose_service(MARRIAGE)
    read_card(s, citizen)
    assert s.step is Step.FACE
    s.card_removed()  # during the first face check: the spouse's card is still to come
    assert s.step is Step.FACE and s.personal.read is citizen
    assert not s.previous_card_on_reader
    s.face_finished(s.due, face(accepted=True))
    s.card_removed()  # a stray event at the party step: nothing to wipe for
    assert s.step is Step.PARTY and s.personal.declarant.read is citizen
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("654321"))
    s.card_search_finished(s.due, problem=None, present=True)  # the reader is empty: read
    s.read_finished(s.due, husband)
    assert s.step is Step.FACE
    s.card_removed()  # the last card, during its face check: the session ends
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.CARD_REMOVED
    assert not s.personal.holds_anything()


@pytest.mark.parametrize("options, problem", [
    ({"tamper_dg": 13}, Problem.NOT_GENUINE),
    ({"clone": True}, Problem.CLONED),
])
def test_a_second_card_that_fails_its_chip_checks_stops_the_flow(citizen, options, problem):
    bad = chip_read(HUSBAND, **options)
    s = Session()
    declarant(s, MARRIAGE, citizen)
    spouse_read(s, bad)
    assert s.step is Step.ERROR and s.error.code is problem and s.error.retry_step is None
    assert s.due is None  # no face work for a card that failed
    with pytest.raises(InvalidTransition, match="failed its chip checks"):
        s.staff_override_face("Đã đối chiếu giấy tờ khác")
    with pytest.raises(InvalidTransition, match="stops the flow"):
        s.back_to_party()  # no way around it by choosing another option
    s.retry()  # nowhere to go: everything of both people is wiped
    assert s.step is Step.WELCOME and not s.personal.holds_anything()


def test_a_second_face_mismatch_may_be_accepted_by_staff_with_a_reason(citizen, husband):
    s = Session()
    declarant(s, MARRIAGE, citizen)
    spouse_read(s, husband)
    s.face_finished(s.due, face(accepted=False))
    assert s.step is Step.ERROR and s.error.code is Problem.FACE_FAILED
    assert s.error.retry_step is Step.FACE and s.personal.current == "spouse"
    assert s.personal.read is husband  # the staff panel shows the spouse's card
    s.staff_override_face("Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu", by="staff:nv01")
    assert s.step is Step.REVIEW and s.personal.current == "declarant"
    s.edit_field("kinh_gui", "UBND phường Hoàn Kiếm")
    s.confirm()
    submit = s.due
    assert submit.override_reason is None  # the declarant matched
    assert submit.overrides == (FaceOverride("spouse", HUSBAND["id_number"],
                                             "Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu",
                                             "staff:nv01"),)


def test_a_card_that_cannot_be_the_party_sends_the_citizen_back_with_a_notice(citizen,
                                                                            husband, wife):
    s = Session()
    declarant(s, MARRIAGE, citizen)
    spouse_read(s, citizen)  # the first card again
    assert s.step is Step.PARTY and [n.code for n in s.party_notice] == ["same_card"]
    assert s.party_notice[0].en == ("That card was already read. Take it off the reader and "
                                    "place the spouse's card there.")
    assert s.personal.party.read is None and s.previous_card_on_reader
    spouse_read(s, wife)  # a woman marrying a woman: not this form
    assert [n.code for n in s.party_notice] == ["marriage_sexes"]
    assert s.personal.party.read is None
    spouse_read(s, husband)
    assert s.step is Step.FACE and s.party_notice == ()
    # birth: the card read for the mother says Nam
    b = Session()
    declarant(b, BIRTH, citizen)
    assert b.personal.current == "mother"
    b.party_skip()
    assert b.personal.current == "father"
    spouse_read(b, wife)
    assert [n.code for n in b.party_notice] == ["party_sex"]
    assert b.party_notice[0].vi == ("Thẻ vừa đọc không thể là thẻ của người cha: giới tính "
                                    "trên thẻ khác. Đặt đúng thẻ, hoặc chọn cách khác bên dưới.")


def test_birth_the_declarant_is_the_mother_and_the_fathers_number_is_typed(citizen):
    s = Session()
    declarant(s, BIRTH, citizen)
    assert s.step is Step.PARTY and s.personal.current == "mother"
    assert s.party_options() == PartyOptions(read=True, type_id=True, is_me=True, skip=True)
    s.party_is_declarant()
    assert s.personal.current == "father"
    assert s.party_options() == PartyOptions(read=True, type_id=True, is_me=False, skip=True)
    with pytest.raises(InvalidTransition):
        s.party_is_declarant()  # a woman is not the father
    assert s.party_type_id("09208805432") is False  # 11 digits
    assert [n.code for n in s.party_notice] == ["id12"]
    assert s.party_type_id("092188054321") is False  # 4th digit 1: a woman's number
    assert [n.code for n in s.party_notice] == ["id_sex"]
    assert s.party_type_id(citizen.identity.id_number) is False
    assert "party_duplicate" in [n.code for n in s.party_notice]
    assert s.step is Step.PARTY and s.personal.party.typed_id is None
    assert s.party_type_id(HUSBAND["id_number"]) is True
    assert s.step is Step.REVIEW  # the child has no card and no number: nothing to ask
    d = s.personal.draft
    assert d.value("mother_ho_ten") == citizen.identity.full_name
    f = d.get("father_so_dinh_danh")
    assert (f.value, f.source, f.errors) == (HUSBAND["id_number"], "citizen", ())
    assert d.get("father_ho_ten").source == "missing"
    assert [(p.role, p.input) for p in d.parties] == [
        ("mother", "declarant"), ("father", "typed"), ("child", "none")]


def test_death_the_deceased_number_is_typed_never_read(citizen):
    s = Session()
    declarant(s, DEATH, citizen)
    assert s.step is Step.PARTY and s.personal.current == "deceased"
    assert s.party_options() == PartyOptions(read=False, type_id=True, is_me=False, skip=True)
    with pytest.raises(InvalidTransition):
        s.party_read_card()
    assert s.party_type_id(HUSBAND["id_number"]) is True
    assert s.step is Step.REVIEW
    s.edit_field("nguoi_chet_gioi_tinh", "Nữ")  # contradicts the number's sex digit
    (err,) = s.personal.draft.get("nguoi_chet_so_dinh_danh").errors
    assert err.code == "id_sex"
    s.edit_field("nguoi_chet_gioi_tinh", "Nam")
    assert s.personal.draft.get("nguoi_chet_so_dinh_danh").errors == ()
    s.card_removed()  # no other card was to come: the declarant's leaving ends it
    assert s.step is Step.WELCOME and not s.personal.holds_anything()


def test_idle_while_the_second_card_is_fetched_wipes_both(citizen):
    clock = FakeClock()
    s = Session(idle_timeout_s=60, clock=clock)
    declarant(s, MARRIAGE, citizen)
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("654321"))
    s.card_removed()
    assert s.step is Step.PLACE_CARD and s.personal.declarant.read is citizen
    clock.now += 59.9
    assert s.check_idle() is False
    clock.now += 0.2
    assert s.check_idle() is True
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.IDLE
    assert not s.personal.holds_anything() and s.personal.parties.keys() == {"declarant"}
    assert not s.previous_card_on_reader and s.party_notice == ()


def test_back_from_the_card_steps_to_the_party_choice_drops_the_key(citizen):
    s = Session()
    declarant(s, BIRTH, citizen)
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("654321"))
    assert s.personal.party.access_key is not None
    s.back_to_party()
    assert s.step is Step.PARTY and s.personal.party.access_key is None
    assert s.personal.declarant.read is citizen
    # a wrong CAN for the father: "try again", or back to the other choices (type his number)
    s.party_skip()  # the mother
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("000000"))
    s.card_search_finished(s.due, problem=None, present=True)
    swap_cards(s)
    s.read_failed(s.due, classify(AccessDenied("PACE refused", step="pace-token", sw=0x63C2)))
    assert s.step is Step.ERROR and s.error.retry_step is Step.ACCESS_KEY
    s.back_to_party()
    assert s.step is Step.PARTY and s.personal.current == "father" and s.error is None
    assert s.party_type_id(HUSBAND["id_number"]) is True
    solo = Session()
    solo.start("vi")
    solo.consent(True)
    solo.choose_service(MARRIAGE)
    with pytest.raises(InvalidTransition):
        solo.back_to_party()  # the declarant has no choice to go back to


def test_a_late_read_of_the_second_card_after_a_cancel_is_dropped(citizen, husband):
    s = Session()
    declarant(s, MARRIAGE, citizen)
    s.party_read_card()
    s.set_access_key(AccessKey.from_can("654321"))
    s.card_search_finished(s.due, problem=None, present=False)
    assert s.card_present() is True
    work = s.due
    s.cancel()
    s.read_finished(work, husband)
    assert s.step is Step.WELCOME and not s.personal.holds_anything()


def test_an_unknown_service_is_refused_before_any_read():
    s = Session()
    s.start("vi")
    s.consent(True)
    with pytest.raises(ValueError, match="no such service"):
        s.choose_service("dang-ky-ket-hon-2")
    assert s.step is Step.SERVICE and s.service_code is None


def test_one_person_services_go_straight_to_review(citizen):
    s = Session()
    declarant(s, "xac-nhan-so-cmnd", citizen)
    assert s.step is Step.REVIEW and s.personal.parties.keys() == {"declarant"}
    assert s.personal.draft.parties == ()
