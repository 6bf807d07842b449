"""The whole kiosk, offscreen: real pcscd + vpcd + the emulated vn-cccd chip + a file camera.

Each test drives the window the way a citizen (or staff) would, by clicking its buttons, and
checks what the kiosk did: the submission in the store, the PDF, the audit log, the screen.
"""

from __future__ import annotations

import io

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTableWidget

from kiosk.session import Step, WipeReason
from tests.ui.conftest import drive_to_place_card, log_in, wait_step

pytestmark = pytest.mark.pcsc


def _person(core):
    """The emulated citizen's name and ID number, as the chip holds them."""
    ident = core.session.personal.identity
    return ident.full_name, ident.id_number


def _all_text(window) -> str:
    """Every text any widget of the window shows (labels, fields, lists, tables)."""
    parts = []
    for w in window.findChildren(QLabel):
        parts.append(w.text())
    for w in window.findChildren(QLineEdit):
        parts.append(w.text())
    for w in window.findChildren(QPlainTextEdit):
        parts.append(w.toPlainText())
    for w in window.findChildren(QListWidget):
        parts.extend(w.item(i).text() for i in range(w.count()))
    for w in window.findChildren(QTableWidget):
        for r in range(w.rowCount()):
            for c in range(w.columnCount()):
                item = w.item(r, c)
                if item is not None:
                    parts.append(item.text())
    return "\n".join(parts)


def _reach_review(core, window, qtbot) -> None:
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.FACE, Step.ERROR)
    assert core.session.step is Step.FACE, core.session.error
    wait_step(core, qtbot, Step.REVIEW, Step.ERROR)
    assert core.session.step is Step.REVIEW, core.session.error


def test_citizen_flow_ends_in_an_encrypted_submission_and_a_pdf(make_kiosk, qtbot):
    from pypdf import PdfReader

    from kiosk.forms import render_pdf

    core, window, _clock = make_kiosk()
    _reach_review(core, window, qtbot)
    name, id_number = _person(core)
    assert core.session.personal.read.verification.passed  # PA against the demo CSCA
    assert core.session.personal.read.verdict.status == "genuine"
    face = core.session.personal.face
    assert face.accepted and face.liveness == "skipped_demo"  # never "passed" on a still
    # the chip fields are locked on screen, with the chip's values
    name_fields = [e for e in window.review.edits.values() if e.text() == name]
    assert name_fields and all(e.isReadOnly() for e in name_fields)
    # "Kính gửi" is the citizen's to fill (no counter agency configured in this test)
    edit = window.review.edits["kinh_gui"]
    assert not edit.isReadOnly()
    edit.setText("Công an phường Hoàn Kiếm")
    edit.editingFinished.emit()
    assert window.review.confirm_button.isEnabled()
    pdf = render_pdf(core.session.personal.draft)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert name in text
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    reference = core.session.reference
    assert window.receipt.reference.text() == reference
    stored = core.store().get(reference)
    assert name in str(stored)
    db_file = core.config.store.url.removeprefix("sqlite:///")
    with open(db_file, "rb") as fh:
        assert name.encode("utf-8") not in fh.read()  # encrypted at rest
    window.receipt.done_button.click()
    assert core.session.step is Step.WELCOME
    assert name not in _all_text(window) and id_number not in _all_text(window)


def test_wrong_can_is_refused_and_the_keypad_comes_back(make_kiosk, qtbot):
    core, window, _clock = make_kiosk()
    wrong = "000000" if core.demo_access.can != "000000" else "111111"
    drive_to_place_card(core, window, qtbot, can=wrong)
    wait_step(core, qtbot, Step.ERROR)
    assert core.session.error.code == "access_denied"
    # what to do, and the tries the card has left, in words; no status word, no step id
    assert window.error.message.text() == (
        "Số vừa nhập không mở được thẻ. Hãy kiểm tra số CAN 6 chữ số (6 số cuối của số định "
        "danh) rồi thử lại. Còn 2 lần thử.")
    assert "SW=" not in _all_text(window) and "step=" not in _all_text(window)
    window.error.retry_button.click()
    assert core.session.step is Step.ACCESS_KEY
    assert window.access.keypad.value() == ""


def test_card_pulled_mid_read_gives_a_way_forward_and_the_retry_reads(make_kiosk, qtbot):
    from icao.chip import ChipOptions, LinkModel

    # a slow link (100 kbit/s) so the read is still going when the card leaves
    core, window, _clock = make_kiosk(ChipOptions(profile="vn-cccd", link=LinkModel(kbps=100)))
    drive_to_place_card(core, window, qtbot)
    qtbot.waitUntil(lambda: (core.session.progress or ("", 0, 0))[0] == "DG2", timeout=30000)
    core.virtual_card.remove()
    wait_step(core, qtbot, Step.ERROR, timeout_ms=60000)
    assert core.session.error.code == "card_removed"
    assert core.session.personal.read is None
    core.virtual_card.insert()
    window.error.retry_button.click()
    wait_step(core, qtbot, Step.FACE, Step.ERROR, timeout_ms=90000)
    assert core.session.step is Step.FACE, core.session.error


def test_idle_timeout_wipes_every_widget(make_kiosk, qtbot):
    core, window, clock = make_kiosk()
    _reach_review(core, window, qtbot)
    name, id_number = _person(core)
    assert name in _all_text(window)
    clock.offset += 61
    qtbot.waitUntil(lambda: core.session.step is Step.WELCOME, timeout=5000)
    assert core.session.last_wipe is WipeReason.IDLE
    assert not core.session.personal.holds_anything()
    text = _all_text(window)
    assert name not in text and id_number not in text
    assert not window.face.portrait.has_portrait()
    assert window.staff.portrait.pixmap().isNull()


def test_staff_override_of_a_failed_face_match_goes_to_the_audit_log(make_kiosk, qtbot, faces_dir):
    impostor = (faces_dir / "biden.jpg").read_bytes()
    core, window, _clock = make_kiosk(camera_image=impostor)
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.ERROR, Step.REVIEW, timeout_ms=90000)
    assert core.session.step is Step.ERROR and core.session.error.code == "face_failed"
    window.error.staff_button.click()
    log_in(window, qtbot, expect=window.staff)  # the training kiosk's built-in login
    assert window.staff.override_box.isVisibleTo(window.staff)
    assert window.staff.override_button.isEnabled()
    window.staff.override_button.click()  # no reason: refused
    assert core.session.step is Step.ERROR
    window.staff.override_reason.setText("Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu")
    window.staff.override_button.click()
    assert core.session.step is Step.REVIEW
    window.staff.edit_button.click()
    core.session.edit_field("kinh_gui", "Công an phường Hoàn Kiếm")
    window.review.show_form()
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    reference = core.session.reference
    entries = [e for e in core.store().audit_entries(reference=reference)
               if e.event == "face.override"]
    assert len(entries) == 1 and entries[0].actor == "staff:training"
    assert core.store().audit_note(entries[0].seq) == "Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu"
    assert "hộ chiếu" not in str(entries[0].details)  # the reason is not kept in clear
    assert core.store().verify_audit().ok


def test_virtual_reader_is_refused_outside_training_mode(virtual_card, qtbot, kiosk_config):
    """A production kiosk (training off) must not read a card from the vpcd virtual reader:
    anyone on the network could "insert" one (docs/reference/RIG.md)."""
    from icao.chip import ChipOptions, EmulatedChip
    from kiosk.config import load_config
    from kiosk.core import KioskCore
    from ui.main_window import KioskWindow

    config = load_config()
    assert config.kiosk.training_mode is False
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))
    with virtual_card(chip, slot=0, atr=chip.atr, on_power_on=chip.power_on):
        core = KioskCore(config)
        window = KioskWindow(core, kiosk_mode=False)
        qtbot.addWidget(window)
        try:
            drive_to_place_card(core, window, qtbot, can=chip.access_data.can)
            wait_step(core, qtbot, Step.ERROR, timeout_ms=10000)
            assert core.session.error.code == "virtual_reader"
            assert window.error.message.text() == ("Đầu đọc thẻ của máy này chưa được phép sử dụng. "
                                                   "Vui lòng gọi cán bộ.")
            assert core.session.personal.read is None  # nothing was read
        finally:
            core.shutdown()


def test_a_cloned_chip_stops_before_the_face_check_and_staff_cannot_accept_it(make_kiosk,
                                                                               qtbot):
    """Issue 14: `kiosk chip --clone` (right data, wrong chip keys) through pcscd and the
    window: the citizen is sent to a counter, the face check never starts, staff can neither
    override nor submit, and nothing is stored."""
    from icao.chip import ChipOptions
    from kiosk.session import InvalidTransition

    core, window, _clock = make_kiosk(ChipOptions(profile="vn-cccd", clone=True))
    steps: list[Step] = []
    core.session.subscribe(lambda s, what: steps.append(s.step) if what == "step" else None)
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.ERROR, Step.FACE, timeout_ms=60000)
    assert core.session.step is Step.ERROR and core.session.error.code == "cloned"
    assert Step.FACE not in steps
    assert window.error.message.text() == ("Không xác thực được thẻ này. Vui lòng mang thẻ "
                                           "đến quầy tiếp nhận để được hỗ trợ.")
    # the one way on is a counter: no "try again", no "start over" beside it
    assert window.error.action_button.text() == "Xong, tôi sẽ đến quầy"
    assert not window.error.over_button.isVisibleTo(window.error)
    assert not window.face.portrait.has_portrait()  # the clone's photo was never shown
    window.error.staff_button.click()
    log_in(window, qtbot, expect=window.staff)
    assert window.staff.banner.title.text() == "THẺ BỊ SAO CHÉP"
    assert window.staff.banner.second.text() == "CLONED CARD"
    assert not window.staff.override_box.isVisibleTo(window.staff)
    assert not window.staff.override_button.isEnabled()
    assert not window.staff.edit_button.isEnabled()
    assert not window.staff.print_button.isEnabled()
    with pytest.raises(InvalidTransition):
        core.session.staff_override_face("Đã đối chiếu hộ chiếu", by="staff:training")
    assert core.session.step is Step.ERROR and core.session.personal.draft is None
    assert core.store().list_today() == []
    assert core.face.analyzer_pid is None  # no face work ever started
