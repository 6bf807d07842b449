"""The staff side, offscreen, without the card rig: the login screen against named accounts in
a real store, and the verdict-first staff panel rendering real reads of the emulated chip (in
process) and real face outcomes, with today's list read from the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from kiosk.config import KdfParams
from kiosk.session import Step
from tests.kiosk.staff_support import camera_frame, chip_read, face

STAFF_PIN, TECH_PIN = "739164", "482913"
SERVICE = "khai-bao-tam-vang"


@pytest.fixture
def core(qapp, kiosk_config):
    """A production (not training) kiosk core on its own store, with nv01 (staff), kt01
    (technician) and nv09 (disabled)."""
    from kiosk.accounts import Accounts
    from kiosk.config import load_config
    from kiosk.core import KioskCore

    core = KioskCore(load_config())
    accounts = Accounts(core.store(), kdf=KdfParams(memory_kib=1024, iterations=1))
    accounts.add("kt01", "technician", TECH_PIN, by=None)
    tech = accounts.login("kt01", TECH_PIN, role="technician")
    accounts.add("nv01", "staff", STAFF_PIN, by=tech)
    accounts.add("nv09", "staff", STAFF_PIN, by=tech)
    accounts.disable("nv09", by=tech)
    yield core
    from ui.workers import wait_for_jobs

    core.shutdown()
    assert wait_for_jobs(10.0)


def _type_id(screen, staff_id: str) -> None:
    keys = {b.text(): b for b in screen.keyboard.findChildren(type(screen.back_button))}
    for ch in staff_id:
        keys[ch].click()
    keys["OK"].click()


def _pin(screen, qtbot, pin: str) -> None:
    for digit in pin:
        screen.keypad.press(digit)
    screen.keypad.press("OK")
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)


def test_login_names_the_person_and_says_each_refusal_in_words(core, qtbot):
    from ui.screens.login import LoginScreen

    screen = LoginScreen(core)
    qtbot.addWidget(screen)
    screen.ask("staff")
    assert not screen.asking_pin
    screen.keyboard.findChildren(type(screen.back_button))[-1].click()  # OK without an ID
    assert not screen.asking_pin
    assert screen.message.text() == screen.tr("Type your staff ID first")
    _type_id(screen, "nv01")
    assert screen.asking_pin and screen.staff_id.text() == "nv01"
    for digit in "12345":  # 5 digits: OK stays off
        screen.keypad.press(digit)
    assert not screen.keypad.buttons["OK"].isEnabled()
    assert screen.keypad.display.text() == "● ● ● ● ●"
    screen.keypad.press("6")
    screen.keypad.press("OK")
    assert screen.busy and not screen.keypad.isEnabled()
    qtbot.waitUntil(lambda: not screen.busy, timeout=10000)
    assert screen.message.text() == screen.tr("Wrong staff ID or PIN.")
    assert screen.keypad.value() == "" and screen.staff_id.text() == "nv01"
    with qtbot.waitSignal(screen.loggedIn, timeout=10000) as signal:
        _pin(screen, qtbot, STAFF_PIN)
    assert signal.args[0].actor == "staff:nv01"
    assert screen.staff_id.text() == ""  # nothing of the login is left on screen

    screen.ask("technician")
    _type_id(screen, "nv01")
    _pin(screen, qtbot, STAFF_PIN)
    assert screen.message.text() == screen.tr("This account cannot open the technician area.")
    screen.ask("staff")
    _type_id(screen, "nv09")
    _pin(screen, qtbot, STAFF_PIN)
    assert screen.message.text() == screen.tr("This account is disabled. Ask a technician.")
    screen.ask("staff")
    _type_id(screen, "training")  # not a training kiosk: an unknown ID like any other
    _pin(screen, qtbot, "000000")
    assert screen.message.text() == screen.tr("Wrong staff ID or PIN.")
    events = [(e.event, e.actor) for e in core.store().audit_entries()
              if e.event.startswith("login")][-5:]
    assert events == [("login.failed", "system:login"), ("login.ok", "staff:nv01"),
                      ("login.failed", "system:login"), ("login.failed", "system:login"),
                      ("login.failed", "system:login")]


def _session_at(core, read, outcome=None) -> None:
    """Drive the real session to the staff's moment: after the read and (if given) the face
    check, with the typed results the workers would deliver."""
    from kiosk.capture.keys import key_from_can

    s = core.session
    s.start("vi")
    s.consent(True, consent_id=1)
    s.choose_service(SERVICE)
    s.set_access_key(key_from_can("123456"))
    assert s.card_present()
    s.read_finished(s.due, read)
    if outcome is not None and s.step is Step.FACE:
        s.face_finished(s.due, outcome)


def _list(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


@pytest.fixture
def panel(core, qtbot):
    from kiosk.accounts import StaffLogin
    from ui.screens.staff import StaffScreen

    screen = StaffScreen(core)
    qtbot.addWidget(screen)
    screen.resize(1920, 1000)
    screen.show()
    login = core.logins.login("nv01", STAFF_PIN, role="staff")
    assert isinstance(login, StaffLogin)
    screen.open(login)
    return screen


@pytest.mark.parametrize("read_kw, distance, title, second, override", [
    ({}, 0.31, "THẺ THẬT · ĐÚNG NGƯỜI", "GENUINE CARD · SAME PERSON", False),
    ({}, 0.74, "KHUÔN MẶT KHÔNG KHỚP", "FACE DOES NOT MATCH", True),
    ({"tamper_dg": 2}, None, "KHÔNG PHẢI THẺ THẬT", "NOT A GENUINE CARD", False),
    ({"clone": True}, None, "THẺ BỊ SAO CHÉP", "CLONED CARD", False),
    ({"trusted": False}, None, "KHÔNG CHỨNG MINH ĐƯỢC LÀ THẺ THẬT", "CANNOT BE PROVEN GENUINE",
     False),
])
def test_the_panel_opens_on_one_verdict_and_offers_an_override_only_for_a_face_mismatch(
        core, panel, qtbot, faces_dir, read_kw, distance, title, second, override):
    frame, box = camera_frame(faces_dir / "biden.jpg")
    _session_at(core, chip_read(**read_kw),
                face(distance, frame=frame, box=box) if distance is not None else None)
    panel.enter()
    assert (panel.banner.title.text(), panel.banner.second.text()) == (title, second)
    assert panel.override_box.isVisibleTo(panel) is override
    assert panel.override_button.isEnabled() is override
    # the technical ids only behind "Details"
    assert not panel.details.isVisibleTo(panel)
    shown = "\n".join(_list(panel.checks))
    assert shown and not any(t in shown for t in ("sod.", "ds.", "dg_hash", "_"))
    assert "sod.signature" in panel.details.toPlainText()
    panel.details_button.click()
    assert panel.details.isVisibleTo(panel)
    # the chip photo, never a forged or cloned chip's; the camera frame beside it
    genuine = not read_kw
    forged = "tamper_dg" in read_kw or "clone" in read_kw
    assert panel.portrait.pixmap().isNull() is forged
    assert panel.captured.isVisibleTo(panel) is genuine
    if genuine:
        assert not panel.captured.pixmap().isNull()
        assert panel.score.scale.threshold == 0.6 and panel.score.scale.distance == distance
        assert panel.score_caption.text().startswith(f"Độ khác biệt {distance:.2f} · ngưỡng 0.60")


def test_an_override_is_made_under_the_logged_in_person(core, panel, qtbot):
    _session_at(core, chip_read(), face(0.74))
    panel.enter()
    panel.override_button.click()
    assert panel.message.text() == panel.tr("A reason is required")
    qtbot.mouseClick(panel.override_reason, Qt.MouseButton.LeftButton)
    assert panel.keyboard.isVisibleTo(panel) and not panel.today.isVisibleTo(panel)
    panel.override_reason.insert("Ảnh trên thẻ chụp từ lâu")
    panel.override_button.click()
    s = core.session
    assert s.step is Step.REVIEW and s.personal.override_by == "staff:nv01"
    assert panel.override_reason.text() == "" and not panel.override_reason.isUndoAvailable()
    assert panel.today.isVisibleTo(panel)
    assert panel.banner.because.text().endswith("Cán bộ nv01 đã chấp nhận kèm lý do")
    assert not panel.override_box.isVisibleTo(panel)


def test_todays_list_names_the_service_the_person_and_the_delivery_state(core, panel, qtbot):
    from kiosk.forms import prefill
    from kiosk.work import Submit

    read = chip_read()
    consent = core.records.record_consent(language="vi", text="...")
    draft = prefill(SERVICE, read.identity, {"kinh_gui": "Công an phường Hoàn Kiếm"})
    core.records.submit(Submit(SERVICE, draft, read.identity.id_number, "staff:nv01",
                               consent_id=consent.id, read=read, face=face(0.31)))
    _session_at(core, chip_read(), face(0.31))
    panel.enter()
    qtbot.waitUntil(lambda: panel.today.rowCount() == 1, timeout=5000)
    row = [panel.today.item(0, c).text() for c in range(5)]
    assert row[2:] == ["Khai báo tạm vắng", "nv01", "Đang chờ gửi"]
    viewed = [e for e in core.store().audit_entries() if e.event == "identity.viewed"]
    assert [e.actor for e in viewed] == ["staff:nv01"]  # who looked at this citizen
    panel.enter()  # looking again in the same session is the same view
    qtbot.waitUntil(lambda: panel._job is None, timeout=5000)
    assert len([e for e in core.store().audit_entries() if e.event == "identity.viewed"]) == 1


def test_the_technician_changes_settings_only_under_a_technician_account(
        core, qtbot, kiosk_config):
    from kiosk.config import load_config
    from ui.screens.technician import TechnicianScreen

    core.config_path = str(kiosk_config)
    screen = TechnicianScreen(core)
    qtbot.addWidget(screen)
    screen.open(core.logins.login("kt01", TECH_PIN, role="technician"))
    screen.tabs.setCurrentIndex(4)  # settings
    assert screen.editor.isVisibleTo(screen)
    screen.key.setCurrentText("face.liveness")
    screen.value.setText("false")
    screen.apply_button.click()
    qtbot.waitUntil(lambda: "→" in screen.message.text(), timeout=10000)
    assert screen.message.text().startswith("face.liveness: True → False")
    assert load_config(str(kiosk_config)).face.liveness is False
    changed = [e for e in core.store().audit_entries() if e.event == "config.changed"]
    assert [(e.actor, e.details) for e in changed] == [
        ("technician:kt01", {"key": "face.liveness", "old": True, "new": False})]
    # the built-in training login (on a training kiosk) cannot weaken a security setting
    from kiosk.accounts import StaffLogin

    screen.open(StaffLogin("training", "technician", changed[0].created_at))
    screen.key.setCurrentText("kiosk.training_mode")
    screen.value.setText("true")
    screen.apply_button.click()
    qtbot.waitUntil(lambda: "enabled technician" in screen.message.text(), timeout=10000)
    assert screen.message.text() == "technician:training is not an enabled technician account"
    assert load_config(str(kiosk_config)).kiosk.training_mode is False


def _marriage_at_the_spouses_face(core, husband, outcome) -> None:
    """The real session of a marriage: the declarant matched, the spouse's face did not."""
    from kiosk.capture.keys import key_from_can

    s = core.session
    s.start("vi")
    s.consent(True, consent_id=1)
    s.choose_service("dang-ky-ket-hon")
    s.set_access_key(key_from_can("123456"))
    assert s.card_present()
    s.read_finished(s.due, chip_read())
    s.face_finished(s.due, face(0.31))
    s.party_read_card()
    s.set_access_key(key_from_can("654321"))
    s.card_removed()  # the first card leaves; the spouse's arrives
    assert s.card_present()
    s.read_finished(s.due, husband)
    s.face_finished(s.due, outcome)
    assert s.step is Step.ERROR and s.personal.current == "spouse"


def test_a_two_person_form_shows_each_person_and_whose_face_the_override_accepts(
        core, panel, qtbot, faces_dir):
    from tests.kiosk.session.people import HUSBAND
    from tests.kiosk.session.people import chip_read as person_read

    frame, box = camera_frame(faces_dir / "biden.jpg")
    husband = person_read(HUSBAND)
    _marriage_at_the_spouses_face(core, husband, face(0.74, frame=frame, box=box))
    panel.enter()
    tabs = panel.people.buttons
    assert panel.people.isVisibleTo(panel) and list(tabs) == ["declarant", "spouse"]
    assert [b.text() for b in tabs.values()] == ["✔ Người kết hôn",
                                                 "⚠ Vợ/chồng (người kết hôn cùng)"]
    assert tabs["spouse"].isChecked()  # the person whose face failed, first
    assert panel.banner.title.text() == "KHUÔN MẶT KHÔNG KHỚP"
    assert panel.override_whose.text() == \
        "Chấp nhận khuôn mặt của: Vợ/chồng (người kết hôn cùng)"
    assert panel.details.toPlainText().startswith(
        "error (The spouse (the other partner)): face_failed no_match\n")
    assert panel.score.scale.distance == 0.74
    assert panel.threshold_origin.text().startswith(
        "Ngưỡng 0.60 chưa được kiểm chứng trên tập ảnh có nhãn")
    spouse_fields = dict((panel.fields.item(r, 0).text(), panel.fields.item(r, 1).text())
                         for r in range(panel.fields.rowCount()))
    assert HUSBAND["full_name"] in spouse_fields.values()
    # the first partner's case, one tap away; the override box still names the spouse
    tabs["declarant"].click()
    assert panel.banner.title.text() == "THẺ THẬT · ĐÚNG NGƯỜI"
    assert panel.score.scale.distance == 0.31
    assert HUSBAND["full_name"] not in [panel.fields.item(r, 1).text()
                                        for r in range(panel.fields.rowCount())]
    assert panel.override_box.isVisibleTo(panel)
    qtbot.waitUntil(lambda: panel._job is None, timeout=5000)
    viewed = [e for e in core.store().audit_entries() if e.event == "identity.viewed"]
    assert len(viewed) == 2  # who looked at each person's data, once each
    panel.override_reason.insert("Đã đối chiếu hộ chiếu của người chồng")
    panel.override_button.click()
    s = core.session
    assert s.step is Step.REVIEW and s.personal.parties["spouse"].override_by == "staff:nv01"
    assert s.personal.declarant.override_by is None
    assert not panel.override_box.isVisibleTo(panel)
    assert panel.people.buttons["declarant"].isChecked()  # as staff left it
    panel.people.buttons["spouse"].click()
    assert panel.banner.because.text().endswith("Cán bộ nv01 đã chấp nhận kèm lý do")


def test_the_panel_shows_why_the_reader_was_refused_in_details(core, panel):
    from kiosk.capture.keys import key_from_can
    from kiosk.problems import Problem

    s = core.session
    s.start("en")
    s.consent(True, consent_id=1)
    s.choose_service(SERVICE)
    s.set_access_key(key_from_can("123456"))
    evidence = ("Virtual PCD 00 00: served by the vpcd driver (configured in pcscd's "
                "reader.conf as 'Virtual PCD'; TCP port 35963)")
    s.card_search_finished(s.due, problem=Problem.VIRTUAL_READER, present=False,
                           detail=evidence)
    panel.enter()
    assert not panel.people.isVisibleTo(panel)  # one person: no tabs
    assert panel.banner.second.text() == "CHƯA ĐỌC THẺ"
    assert panel.details.toPlainText() == f"error: virtual_reader {evidence}"
    assert not panel.override_box.isVisibleTo(panel)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_panel_with_a_face_mismatch_fits_the_screen_and_captions_sit_under_the_pictures(
        core, panel, qtbot, faces_dir, language, size):
    """The tallest case (a face mismatch: the override box under the case) on a real kiosk
    screen, in either language: the panel needs no more than the screen, and each picture's
    caption is under it, not over it (the Vietnamese caption of the camera frame wrapped
    into the picture, and the screenshot tour's window grew to 1095 px)."""
    from ui import i18n

    i18n.install(language)
    try:
        frame, box = camera_frame(faces_dir / "biden.jpg")
        _session_at(core, chip_read(), face(0.74, frame=frame, box=box))
        panel.set_portrait(size[1] > size[0])
        panel.retranslate()
        panel.resize(*size)
        panel.enter()
        qtbot.wait(1)
        assert panel.override_box.isVisibleTo(panel)
        hint = panel.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], hint
        for picture, caption in ((panel.portrait, panel.case.portrait_caption),
                                 (panel.captured, panel.case.frame_caption)):
            top = caption.mapTo(panel, caption.rect().topLeft()).y()
            bottom = picture.mapTo(panel, picture.rect().bottomLeft()).y()
            assert top > bottom, (caption.text(), top, bottom)
            assert caption.height() >= caption.sizeHint().height(), caption.text()
    finally:
        i18n.install("vi")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_staff_area_of_the_window_fits_the_screen_with_the_training_banner(
        core, qtbot, faces_dir, monkeypatch, language, size):
    """In the window, with the kiosk's stylesheet, the training banner and the switches above
    the panel, a face mismatch's panel (the override box under the case: when staff need it
    most) keeps the window at the screen's size. It needed 1193 px of a 1080 px landscape
    screen; the screenshot tour's window grew to 1095 px for a genuine card."""
    from PySide6.QtWidgets import QApplication

    from kiosk.accounts import StaffLogin
    from ui import i18n
    from ui.main_window import KioskWindow
    from ui.theme import STYLESHEET

    monkeypatch.setattr(core.reading.readers, "watch", lambda *a: None)
    core.training = True
    i18n.install(language)
    QApplication.instance().setStyleSheet(STYLESHEET)  # the kiosk's own sizes
    try:
        frame, box = camera_frame(faces_dir / "biden.jpg")
        _session_at(core, chip_read(), face(0.74, frame=frame, box=box))
        window = KioskWindow(core, kiosk_mode=False)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        login = core.logins.login("nv01", STAFF_PIN, role="staff")
        assert isinstance(login, StaffLogin)
        window.login.ask("staff")
        window._logged_in(login)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.staff, timeout=5000)
        qtbot.wait(50)  # today's list arrives from a worker
        assert window.staff.override_box.isVisibleTo(window)
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1], hint
        assert window.size().toTuple() == size
    finally:
        QApplication.instance().setStyleSheet("")
        i18n.install("vi")
