"""kiosk/staff_parties.py: the staff panel for every person of a two-person form, from a
real session with real reads of emulated chips (the declarant, the spouse; a typed
deceased; a skipped parent), and the session error's technical detail for staff."""

from __future__ import annotations

import pytest

from kiosk.problems import Problem
from kiosk.session import Session, Step
from kiosk.session.state import SessionError
from kiosk.staff_panel import Headline
from kiosk.staff_parties import error_detail, override_caption, party_panels
from tests.kiosk.session.people import HUSBAND, chip_read
from tests.kiosk.session.test_parties import declarant, face, read_card, spouse_read

DECEASED_ID = "001060012345"  # a man born 1960 (Hà Nội)


@pytest.fixture(scope="module")
def citizen():
    return chip_read()


@pytest.fixture(scope="module")
def husband():
    return chip_read(HUSBAND)


def _panels(s: Session):
    return party_panels(s.service, s.personal,
                        error=s.error if s.step is Step.ERROR else None,
                        require_genuine=s.require_genuine)


def test_the_panel_shows_both_partners_and_the_override_acts_on_the_spouse(citizen, husband):
    s = Session()
    declarant(s, "dang-ky-ket-hon", citizen)
    assert [p.role for p in _panels(s)] == ["declarant", "spouse"]  # the spouse: asked for
    spouse_read(s, husband)
    s.face_finished(s.due, face(accepted=False))
    assert s.step is Step.ERROR and s.personal.current == "spouse"
    first, spouse = _panels(s)
    assert (first.role, first.current, first.verdict.kind) == ("declarant", False,
                                                               Headline.SAME_PERSON)
    assert first.label == ("Người kết hôn", "The first partner")
    assert first.read is citizen and first.identity.id_number == citizen.identity.id_number
    assert (spouse.role, spouse.current) == ("spouse", True)
    assert spouse.label == ("Vợ/chồng (người kết hôn cùng)", "The spouse (the other partner)")
    assert spouse.verdict.kind is Headline.FACE_MISMATCH and spouse.read is husband
    assert spouse.tab("vi") == "⚠ Vợ/chồng (người kết hôn cùng)"
    assert first.tab("en") == "✔ The first partner"
    assert override_caption(spouse, "vi") == \
        "Chấp nhận khuôn mặt của: Vợ/chồng (người kết hôn cùng)"
    assert override_caption(spouse, "en") == \
        "Accept the face of: The spouse (the other partner)"
    assert error_detail(s.error, spouse) == \
        "error (The spouse (the other partner)): face_failed no_good_frame"
    # the override acts on the spouse (the session's current party), under the name
    s.staff_override_face("Đã đối chiếu hộ chiếu", by="staff:nv01")
    first, spouse = _panels(s)
    assert s.step is Step.REVIEW and first.current and not spouse.current
    assert spouse.override_by == "staff:nv01" and first.override_by is None
    assert spouse.verdict.because[1].endswith("Accepted by nv01 with a reason")
    assert first.verdict.kind is Headline.SAME_PERSON


def test_a_typed_skipped_or_declarant_party_says_so_in_words(citizen):
    s = Session()
    declarant(s, "dang-ky-khai-tu", citizen)
    assert s.personal.current == "deceased"
    assert s.party_type_id(DECEASED_ID), s.party_notice
    first, deceased = _panels(s)
    assert deceased.verdict.kind is Headline.NUMBER_TYPED
    assert deceased.verdict.title == ("CHỈ NHẬP SỐ ĐỊNH DANH · KHÔNG ĐỌC THẺ",
                                      "ID NUMBER TYPED · NO CARD READ")
    assert deceased.verdict.because[1] == ("No card can be read for this person: the ID "
                                           "number was typed")
    assert deceased.typed_id == DECEASED_ID and deceased.read is None
    birth = Session()
    declarant(birth, "dang-ky-khai-sinh", citizen)
    birth.party_is_declarant()  # the mother files for her own child
    birth.party_skip()  # the father: not given
    _, mother, father = _panels(birth)
    assert (mother.verdict.kind, father.verdict.kind) == (Headline.IS_DECLARANT,
                                                          Headline.NOT_GIVEN)
    assert mother.verdict.title[1] == "THE DECLARANT THEMSELVES"
    assert father.verdict.because[1] == ("No card read, no number typed: typed at review or "
                                         "left blank")


def test_a_genuine_party_card_without_a_face_check_is_not_shown_as_pending(citizen, husband):
    s = Session(require_face=False)
    s.start("vi")
    s.consent(True)
    s.choose_service("dang-ky-ket-hon")
    read_card(s, citizen)
    spouse_read(s, husband)
    assert s.step is Step.REVIEW
    kinds = [p.verdict.kind for p in _panels(s)]
    assert kinds == [Headline.GENUINE_NO_FACE, Headline.GENUINE_NO_FACE]


def test_the_session_errors_detail_is_for_staff(citizen):
    s = Session()
    s.start("vi")
    s.consent(True)
    s.choose_service("xac-nhan-so-cmnd")
    (only,) = _panels(s)
    assert only.verdict.kind is Headline.NO_CARD and only.label == ("Người kê khai",
                                                                    "The declarant")
    error = SessionError(Problem.ACCESS_DENIED, Step.ACCESS_KEY, "step=pace SW=63C2", 2)
    assert error_detail(error, only) == "error: access_denied step=pace SW=63C2 tries_left=2"
    assert error_detail(None, only) == ""
