"""The citizen screens that guide, one at a time, offscreen (no card reader needed): the error
screen's sentence and one action for every problem, the read's progress in words with an
honest time left, the face screen's oval guide and hints, the chip portrait cropped to the face,
and a receipt that says what the store says about delivery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.problems import ADVICE, CHIP_PROBLEMS, Action, Problem, action_label
from kiosk.session import Step
from kiosk.session.state import SessionError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def core(qapp, kiosk_config):
    """A kiosk core on a real SQLite store, not in training (nothing reads a card here)."""
    from kiosk.config import load_config
    from kiosk.core import KioskCore

    c = KioskCore(load_config())
    yield c
    c.shutdown()


def _texts(widget) -> str:
    return "\n".join(w.text() for w in widget.findChildren(QLabel))


# --- the error screen ------------------------------------------------------------------------
@pytest.mark.parametrize("problem", list(Problem))
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_problem_shows_its_sentence_and_its_one_action(core, qtbot, problem, language):
    from ui.screens.error import ErrorScreen

    screen = ErrorScreen(core)
    qtbot.addWidget(screen)
    core.session.language = language
    retry = None if problem in CHIP_PROBLEMS else Step.PLACE_CARD
    core.session.error = SessionError(problem, retry, "step=pace-token SW=63C2", None)
    screen.show()
    screen.enter()
    a = ADVICE[problem]
    assert screen.message.text() == a.text(language)
    assert screen.action is a.action
    assert screen.action_button.text() == action_label(a.action, language)
    # status words and step ids are for staff (problems.staff_detail), never on this screen
    assert "SW=" not in _texts(screen) and "step=" not in _texts(screen)
    assert screen.over_button.isVisible() is (a.action is not Action.COUNTER)
    assert screen.staff_button.isVisible() is (a.action is not Action.CALL_STAFF)


def test_the_action_button_does_the_action(core, qtbot):
    from ui.screens.error import ErrorScreen

    screen = ErrorScreen(core)
    qtbot.addWidget(screen)
    s = core.session
    s.start("en")
    s.consent(True)
    s.choose_service("xac-nhan-so-cmnd")
    s.fail(Problem.CARD_REMOVED, Step.ACCESS_KEY)
    screen.enter()
    screen.action_button.click()  # try again: back to the retry step
    assert s.step is Step.ACCESS_KEY
    s.fail(Problem.CARD_BLOCKED, Step.ACCESS_KEY, tries_left=0)
    screen.enter()
    with qtbot.waitSignal(screen.mrzRequested, timeout=1000):
        screen.action_button.click()
    s.fail(Problem.NO_CAMERA, Step.FACE)
    screen.enter()
    with qtbot.waitSignal(screen.staffRequested, timeout=1000):
        screen.action_button.click()
    s.fail(Problem.CLONED, None)
    screen.enter()
    screen.action_button.click()  # to a counter: the visit here ends, everything wiped
    assert s.step is Step.WELCOME and s.error is None


def test_a_wrong_can_counts_the_tries_left_in_words(core, qtbot):
    from ui.screens.error import ErrorScreen

    screen = ErrorScreen(core)
    qtbot.addWidget(screen)
    core.session.language = "en"
    core.session.error = SessionError(Problem.ACCESS_DENIED, Step.ACCESS_KEY, "", 1)
    screen.enter()
    assert screen.message.text().endswith("and try again. 1 try left.")
    core.session.language = "vi"
    core.session.error = SessionError(Problem.ACCESS_DENIED, Step.ACCESS_KEY, "", 2)
    screen.enter()
    assert screen.message.text().endswith("rồi thử lại. Còn 2 lần thử.")


# --- the read's progress ---------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_the_estimate_counts_steps_and_times_the_file_from_its_own_rate():
    from ui.widgets.read_estimate import ReadEstimator

    clock = Clock()
    e = ReadEstimator(clock=clock)
    first = e.update("connect", 0, 0)
    assert (first.step, first.steps, first.seconds_left) == (1, 11, None)
    e.update("SOD", 0, 0)
    clock.t += 0.5
    assert e.update("SOD", 1000, 2000).seconds_left is None  # one read: no rate yet
    clock.t += 0.1
    assert e.update("SOD", 1100, 2000).seconds_left is None  # 0.1 s: too short to say
    clock.t += 0.15
    sod = e.update("SOD", 1200, 2000)  # 200 bytes in 0.25 s: 800 B/s, 800 left
    assert sod.seconds_left == pytest.approx(1.0)
    clock.t += 5.0                     # a slow start of the next file counts for nothing
    photo = e.update("DG2", 231, 16000)
    assert (photo.step, photo.seconds_left) == (6, None)
    assert photo.fraction == pytest.approx((5 + 231 / 16000) / 11)
    clock.t += 0.25
    photo = e.update("DG2", 231 + 1155, 16000)  # 1155 bytes in 0.25 s: 4620 B/s
    assert photo.seconds_left == pytest.approx((16000 - 1386) / 4620)
    back = e.update("access", 0, 0)    # a reconnect never moves the step back
    assert back.step == 6


def test_the_reading_screen_says_the_step_the_kb_and_the_time_left(core, qtbot):
    from ui import i18n
    from ui.screens.card import ReadingScreen
    from ui.widgets.read_estimate import ReadEstimator

    screen = ReadingScreen(core)
    qtbot.addWidget(screen)
    clock = Clock()
    screen.estimator = ReadEstimator(clock=clock)
    i18n.install("vi")
    try:
        screen.retranslate()
        screen.set_progress("DG1", 600, 600)
        assert screen.detail.text().strip() == ""  # under 1 KB: nothing worth counting
        screen.set_progress("DG2", 224, 16000)
        assert screen.detail.text() == "0.2 / 15.6 KB"  # no rate measured yet: no time
        clock.t += 1.0
        screen.set_progress("DG2", 1624, 16000)
        assert screen.stage_label.text() == "Bước 6/11: Đang đọc ảnh chân dung"
        # 1400 bytes in 1 s: 14376 left is about 11 seconds, rounded up
        assert screen.detail.text() == "1.6 / 15.6 KB · còn khoảng 11 giây"
        assert screen.bar.value() == round((5 + 1624 / 16000) / 11 * 1000)
        screen.set_progress("reconnect", 0, 0)
        assert screen.stage_label.text() == "Bước 6/11: Thẻ bị dịch chuyển: đang kết nối lại"
        screen.set_progress("something_new", 0, 0)  # never a stage id on screen
        assert screen.stage_label.text() == "Bước 6/11: Đang đọc thẻ của bạn"
    finally:
        i18n.install("en")
    assert screen.time_left(0.4) == "less than a second left"
    assert screen.time_left(1.0) == "about 1 second left"
    assert screen.time_left(2.01) == "about 3 seconds left"


# --- the face screen -------------------------------------------------------------------------
def test_each_face_prompt_sets_the_words_and_the_oval(core, qtbot):
    from ui.screens.face import FaceScreen

    screen = FaceScreen(core)
    qtbot.addWidget(screen)
    core.session.language = "en"
    for code, guide, arrow, words in [
        ("face_too_small", "adjust", None, "Face too small. Please come closer."),
        ("too_dark", "adjust", None, "Too dark. More light is needed."),
        ("pose_not_frontal", "adjust", None, "Please look straight at the camera."),
        ("turn_left", "neutral", "left", "Slowly turn your head to the left."),
        ("matching", "neutral", None, "Comparing with the photo on your card..."),
        ("ok", "good", None, "Done. Thank you."),
    ]:
        screen.set_hint(code)
        assert (screen.camera.guide, screen.camera.guide_arrow) == (guide, arrow), code
        assert screen.hint.text() == words


def test_the_oval_is_painted_over_the_picture(qtbot):
    import numpy as np

    from ui.widgets.camera_view import CameraView

    view = CameraView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    frame = np.full((480, 640, 3), 200, dtype=np.uint8)
    view.start(lambda: frame)
    qtbot.waitUntil(lambda: view.frames_shown > 0, timeout=2000)
    view.set_guide("good")
    image = view.grab().toImage()
    oval = view.oval_rect(view.rect().toRectF())
    edge = image.pixelColor(int(oval.left() + 1), int(oval.center().y()))
    assert edge.green() > 150 and edge.red() < 100  # the green line at the oval's edge
    outside = image.pixelColor(5, 5)
    assert outside.red() < 150  # dimmed outside the oval (the frame is grey 200)
    inside = image.pixelColor(int(oval.center().x()), int(oval.center().y()))
    assert inside.red() == 200  # the face area untouched
    with pytest.raises(ValueError):
        view.set_guide("purple")


def test_the_token_crop_puts_the_face_where_iso_19794_5_puts_it():
    from ui.widgets.portrait_view import token_crop

    # a 100 px face box in a large photograph: 172 x 229, eyes 0.6 W from the top
    assert token_crop(1000, 1000, (400, 300, 500, 400)) == (364, 235, 172, 229)
    # near the top edge: moved down to stay inside the image
    assert token_crop(400, 500, (169, 65, 273, 169)) == (132, 0, 179, 239)
    # a face filling the image: the crop shrinks about its centre to fit, still 3:4
    assert token_crop(200, 250, (20, 30, 180, 190)) == (6, 0, 187, 250)


def test_the_chip_portrait_is_shown_cropped_to_the_face(qtbot):
    from PySide6.QtGui import QImage

    from icao.chip import ChipOptions, EmulatedChip
    from ui.widgets.portrait_view import PortraitView, find_face

    jpeg = EmulatedChip(ChipOptions(profile="vn-cccd")).portrait_jpeg
    image = QImage.fromData(jpeg)
    box = find_face(image)
    assert box is not None
    view = PortraitView()
    qtbot.addWidget(view)
    view.set_portrait(jpeg)
    qtbot.waitUntil(lambda: not view.searching, timeout=10000)
    x, y, w, h = view.crop
    assert w < image.width() * 0.6  # a portrait, not the whole photograph
    assert x <= box[0] and box[2] <= x + w and y <= box[1] and box[3] <= y + h
    assert w / h == pytest.approx(0.75, abs=0.01)
    view.clear()
    assert not view.has_portrait() and view.crop is None
    view.set_portrait(b"not an image")
    assert not view.has_portrait()


# --- the receipt -------------------------------------------------------------------------------
def _submit(core) -> str:
    from kiosk.forms import prefill
    from kiosk.identity import identity_from_json
    from kiosk.work import Submit

    doc = json.loads((REPO / "kiosk/forms/examples/identity.json").read_text("utf-8"))
    draft = prefill("xac-nhan-so-cmnd", identity_from_json(doc),
                    {"kinh_gui": "Công an phường Hoàn Kiếm"})
    consent = core.records.record_consent(language="vi", text="test consent")
    return core.records.submit(Submit("xac-nhan-so-cmnd", draft, None, "citizen",
                                      consent_id=consent.id))


def test_the_receipt_says_saved_then_sent_as_the_store_says(core, qtbot, monkeypatch):
    from sqlalchemy import update

    from kiosk.store.models import DELIVERED, SubmissionRow
    from ui.screens import receipt as receipt_module
    from ui.screens.receipt import ReceiptScreen

    monkeypatch.setattr(receipt_module, "POLL_MS", 50)
    screen = ReceiptScreen(core)
    qtbot.addWidget(screen)
    core.session.reference = _submit(core)
    screen.show()
    screen.enter()
    qtbot.waitUntil(lambda: screen._job is None, timeout=5000)
    assert screen.state == "pending"
    assert screen.title.text() == "Your form is saved"
    assert screen.state_label.text() == "It will be sent to the office automatically."
    with core.store().transaction() as s:  # what the outbox delivery does when it is sent
        s.execute(update(SubmissionRow).values(status=DELIVERED))
    qtbot.waitUntil(lambda: screen.state == "delivered", timeout=5000)
    assert screen.title.text() == "Your form has been sent"
    assert not screen._poll.isActive()  # sent: nothing more to ask


def test_a_training_receipt_says_it_is_never_sent(qapp, kiosk_config, qtbot):
    from kiosk.config import load_config
    from kiosk.core import KioskCore
    from ui.screens.receipt import ReceiptScreen

    core = KioskCore(load_config(), demo=True)  # training; no chip started: nothing to read
    try:
        screen = ReceiptScreen(core)
        qtbot.addWidget(screen)
        core.session.reference = _submit(core)
        assert core.records.delivery_state(core.session.reference) == "training"
        screen.show()
        screen.enter()
        qtbot.waitUntil(lambda: screen._job is None, timeout=5000)
        assert (screen.state, screen.title.text()) == ("training", "Training receipt")
        assert "never sent" in screen.state_label.text()
        assert core.records.delivery_state("NO-SUCH-REF") == "unknown"
    finally:
        core.shutdown()
