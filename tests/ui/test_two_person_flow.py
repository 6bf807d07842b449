"""Two-person services in the window, offscreen: two emulated people's cards in turn in the
real pcscd + vpcd reader, the demo file camera, and the screens a couple would tap.

What it proves on screen: the party page names whose card comes next and offers only what the
service allows, the card screens carry a banner naming that person (and ask for the first card
to leave the reader), the first card's removal does not wipe, the review shows both people
under their section headings and form-level problems in words, and the end wipes both.
"""

from __future__ import annotations

import pytest

from kiosk.demo import DEMO_READER
from kiosk.session import Step, WipeReason
from nfc.readers import wait_card_present
from tests.kiosk.session.people import HUSBAND, chip
from tests.ui.conftest import wait_step
from tests.ui.test_citizen_flow import _all_text


def _start(core, window, qtbot, service: str) -> None:
    """Welcome -> consent -> `service` -> the demo card's CAN -> read, face: the first party
    is settled."""
    window.welcome.vi_button.click()
    window.consent.yes_button.click()  # recorded in the store first, on a worker
    qtbot.waitUntil(lambda: core.session.step is Step.SERVICE, timeout=10000)
    window.service.select(service)
    window.service.next_button.click()
    window.access.keypad.enter(core.demo_access.can)


@pytest.mark.pcsc
def test_marriage_through_the_window_with_both_cards(make_kiosk, qtbot):
    core, window, _clock = make_kiosk()
    s = core.session
    _start(core, window, qtbot, "dang-ky-ket-hon")
    wait_step(core, qtbot, Step.PARTY, Step.ERROR)
    assert s.step is Step.PARTY, s.error
    first_name = s.personal.declarant.identity.full_name
    page = window.party
    assert window.stack.currentWidget() is page
    assert page.title.text() == "Thẻ của vợ/chồng"
    assert page.read_button.isVisibleTo(page) and page.read_button.text() == (
        "Tôi đồng ý: đọc thẻ của tôi")
    for hidden in (page.type_button, page.me_button, page.skip_button, page.keypad):
        assert not hidden.isVisibleTo(page)  # the spouse's card is required
    assert first_name not in _all_text(page)  # no personal data on the choice page
    page.read_button.click()  # the spouse's own consent is recorded first, on a worker
    qtbot.waitUntil(lambda: s.step is Step.ACCESS_KEY, timeout=10000)
    assert s.personal.parties["spouse"].consent_id is not None
    banner = window.party_banner
    assert banner.isVisibleTo(window) and banner.text.text() == "Thẻ của vợ/chồng"
    husband = chip(HUSBAND)
    window.access.keypad.enter(husband.access_data.can)
    qtbot.waitUntil(lambda: s.step is Step.PLACE_CARD and s.due is None, timeout=10000)
    assert s.previous_card_on_reader  # the first card is still there: not read again
    assert banner.text.text() == ("Thẻ của vợ/chồng — trước hết, lấy thẻ đã đọc ra khỏi đầu "
                                  "đọc")
    core.place_demo_card(None)  # the first person takes their card
    assert wait_card_present(DEMO_READER, False, 10)
    qtbot.waitUntil(lambda: not s.previous_card_on_reader, timeout=10000)
    assert s.step is Step.PLACE_CARD and s.personal.declarant.read is not None  # no wipe
    assert banner.text.text() == "Thẻ của vợ/chồng"
    core.place_demo_card(husband)  # the spouse places theirs: read, then their face check
    wait_step(core, qtbot, Step.REVIEW, Step.ERROR, timeout_ms=90000)
    assert s.step is Step.REVIEW, s.error
    assert not banner.isVisibleTo(window)
    assert s.personal.parties["spouse"].face.accepted
    review = window.review
    headings = [w.text() for w in review.form_area.widget().findChildren(
        type(review.title)) if w.objectName() == "formSection"]
    assert headings == ["Kính gửi", "Bên nữ", "Bên nam", "Yêu cầu"]
    assert review.edits["woman_ho_ten"].text() == first_name
    assert review.edits["man_ho_ten"].text() == "Lê Văn Thử"
    assert review.edits["man_ho_ten"].isReadOnly()  # from the spouse's chip
    assert not review.form_errors.isVisibleTo(review)
    review.edits["kinh_gui"].setText("UBND phường Hoàn Kiếm")
    review.edits["kinh_gui"].editingFinished.emit()
    assert review.confirm_button.isEnabled()
    review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    stored = core.store().get(s.reference)
    assert {"Lê Văn Thử", first_name} <= {f["value"] for f in stored["fields"]}
    (spouse,) = core.store().case(s.reference)["parties"]
    assert spouse["consent"]["purpose"] == "party:spouse:chip-read+face-check"
    assert spouse["consent"]["language"] == "vi"
    window.receipt.done_button.click()
    assert s.step is Step.WELCOME and s.last_wipe is WipeReason.FINISHED
    text = _all_text(window)
    for value in (first_name, "Lê Văn Thử", HUSBAND["id_number"]):
        assert value not in text


@pytest.mark.pcsc
def test_death_registration_the_deceased_number_on_the_keypad(make_kiosk, qtbot):
    core, window, _clock = make_kiosk()
    s = core.session
    _start(core, window, qtbot, "dang-ky-khai-tu")
    wait_step(core, qtbot, Step.PARTY, Step.ERROR)
    page = window.party
    assert page.title.text() == "Số định danh của người đã mất"
    assert not page.read_button.isVisibleTo(page)  # the deceased's card is never read
    assert page.keypad.isVisibleTo(page) and page.skip_button.isVisibleTo(page)
    own = s.personal.declarant.identity.id_number
    page.keypad.enter(own)
    assert s.step is Step.PARTY and page.notice.isVisibleTo(page)
    assert page.notice.text() == ("Số này là của một người đã có trên tờ khai; nhập số của "
                                  "chính người này.")
    assert page.keypad.value() == ""  # the refused number is not left on screen
    page.keypad.enter(HUSBAND["id_number"])
    assert s.step is Step.REVIEW and page.keypad.value() == ""
    assert window.review.edits["nguoi_chet_so_dinh_danh"].text() == HUSBAND["id_number"]
    assert not window.review.edits["nguoi_chet_so_dinh_danh"].isReadOnly()
    s.cancel()
    assert HUSBAND["id_number"] not in _all_text(window)


def test_form_level_errors_are_shown_on_the_review_in_words(qapp, qtbot, kiosk_config):
    """A draft the back office would refuse (the spouse's card missing) says so above the form,
    in the citizen's language, and "Confirm" stays off."""
    from kiosk.config import load_config
    from kiosk.core import KioskCore
    from kiosk.forms import prefill
    from tests.kiosk.session.people import chip_read
    from ui import i18n
    from ui.screens.review import ReviewScreen

    core = KioskCore(load_config())
    try:
        s = core.session
        s.service_code = "dang-ky-ket-hon"
        s.step = Step.REVIEW
        s.personal.draft = prefill("dang-ky-ket-hon", chip_read().identity, parties={})
        review = ReviewScreen(core)
        qtbot.addWidget(review)
        review.enter()
        assert review.form_errors.isVisibleTo(review)
        assert review.form_errors.text() == (
            "Chưa đọc thẻ của vợ/chồng. Bấm «Làm lại» và đặt từng thẻ lên đầu đọc khi máy "
            "yêu cầu, hoặc gọi cán bộ.")
        assert not review.confirm_button.isEnabled()
        residence = review.edits["woman_noi_cu_tru"]  # longer than its box: its start shows
        assert residence.text().startswith("Số 1 Đường Giả Định") and \
            residence.cursorPosition() == 0
        s.language = "en"
        i18n.install("en")
        review.retranslate()
        assert review.form_errors.text().startswith("The spouse's card has not been read. Tap")
        review.wipe()
        assert review.form_errors.text() == "" and not review.form_errors.isVisibleTo(review)
    finally:
        i18n.install("vi")
        core.shutdown()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_the_party_page_with_its_keypad_and_a_notice_fits_both_orientations(
        qapp, qtbot, kiosk_config, monkeypatch, size):
    from icao.keys import AccessKey
    from kiosk.config import load_config
    from kiosk.core import KioskCore
    from tests.kiosk.session.people import chip_read
    from tests.kiosk.session.support import face
    from ui import i18n
    from ui.main_window import KioskWindow
    from ui.theme import STYLESHEET

    qapp.setStyleSheet(STYLESHEET)
    core = KioskCore(load_config())
    monkeypatch.setattr(core.reading.readers, "watch", lambda *a: None)
    core.training = True  # the training banner takes height too
    s = core.session
    try:
        i18n.install("vi")
        s.start("vi")  # up to the mother's page, before the window exists: no work runs
        s.consent(True)
        s.choose_service("dang-ky-khai-sinh")
        s.set_access_key(AccessKey.from_can("123456"))
        s.card_search_finished(s.due, problem=None, present=False)
        s.card_present()
        s.read_finished(s.due, chip_read())
        s.face_finished(s.due, face(accepted=True))
        assert s.step is Step.PARTY and s.due is None
        window = KioskWindow(core, kiosk_mode=False)
        qtbot.addWidget(window)
        for screen in window.screens:  # as the language choice does
            screen.retranslate()
        window.resize(*size)
        window.show()
        window._step_changed(s.step)
        assert window.stack.currentWidget() is window.party
        assert s.party_type_id("1") is False  # a notice
        window.party.type_button.click()  # the keypad opens
        for widget in (window.party.keypad, window.party.notice, window.party.me_button,
                       window.party.skip_button, window.party.read_button):
            assert widget.isVisibleTo(window.party)
        qtbot.wait(1)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], hint
        # the card screens under the banner naming the party (its longest text: take the
        # first card off the reader) fit too
        monkeypatch.setattr(core, "perform", lambda *_a: (lambda: None))  # no reader here
        window.party.read_button.click()  # the consent is recorded on a worker first
        qtbot.waitUntil(lambda: s.step is Step.ACCESS_KEY, timeout=10000)
        s.set_access_key(AccessKey.from_can("654321"))
        assert s.step is Step.PLACE_CARD and s.previous_card_on_reader
        assert window.party_banner.isVisibleTo(window)
        assert window.party_banner.text.text().endswith("lấy thẻ đã đọc ra khỏi đầu đọc")
        qtbot.wait(1)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], hint
        assert window.size().toTuple() == size  # never pushed beyond the screen on the way
    finally:
        s.cancel()
        core.shutdown()
