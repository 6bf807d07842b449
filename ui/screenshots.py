"""Walk the real demo flow in both languages and save a PNG of every screen.

Used by `kiosk run --demo --screenshots DIR` (scripts/demo without a display, and
scripts/screenshots): it taps the same buttons a citizen would, waits for the real read and
face check, and grabs the window at each step, so the pictures in docs/screenshots/ show what
the product shows. It says what it does on the terminal, one line a step (`say`), names each
picture as it saves it, and announces the failure it causes on purpose (a wrong CAN) before
the card refuses it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from kiosk.session import Step

log = logging.getLogger(__name__)


def say(text: str) -> None:
    """One line of narration on the terminal (stdout, flushed: the demo is watched live)."""
    sys.stdout.write(f"demo: {text}\n")
    sys.stdout.flush()


def tour(window, out_dir: str, done: Callable[[], None], *, languages=("vi", "en"),
         narrate: Callable[[str], None] = say) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    global _say
    _say = narrate
    steps = _steps(window, out, languages)
    timer = QTimer(window)
    timer.setInterval(50)
    state: dict = {"wait": None, "deadline": 0}

    def tick() -> None:
        wait = state["wait"]
        if wait is not None and not wait():
            state["deadline"] -= 1
            if state["deadline"] > 0:
                return
            log.warning("screenshot tour: a step timed out at %s", window.session.step.value)
            _say(f"a step timed out at the {window.session.step.value} screen; going on")
        try:
            state["wait"] = next(steps)
            state["deadline"] = 1800  # 90 s at 50 ms
        except StopIteration:
            timer.stop()
            done()

    timer.timeout.connect(tick)
    timer.start()


SAMPLES = {
    "address": "Số 5 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
    "phone": "0912345678",
    "email": "cong.dan@example.vn",
    "integer": "1",
    "number": "1",
}


def fill_citizen_fields(core) -> None:
    """Fill every required field the citizen owns with a plausible sample (demo only)."""
    from datetime import date

    draft = core.session.personal.draft
    if draft is None:
        return
    for f in draft.fields:
        spec = f.spec
        if f.locked or not spec.required or f.key not in draft.errors:
            continue
        if spec.choices:
            value = spec.choices[0]
        elif spec.type == "date":
            value = date.today().strftime("%d/%m/%Y")
        elif f.key == "kinh_gui":
            value = "Công an phường Hoàn Kiếm"
        else:
            value = SAMPLES.get(spec.type, "Đi công tác")
        core.session.edit_field(f.key, value)
        draft = core.session.personal.draft or draft


def _new_frames(view, shown: int) -> Callable[[], bool]:
    """Wait until the camera view painted a few frames more than `shown`."""
    return lambda: view.frames_shown > shown + 3


_say: Callable[[str], None] = say


def _shot_mid_photo(window, out: Path, name: str) -> Callable[[], bool]:
    """Grab the reading screen once, on the first bytes of the photo (DG2): the step, the KB and
    the time left show. Returns whether the picture was taken."""
    taken: list[bool] = []

    def on_progress(stage: str, done: int, total: int) -> None:
        if not taken and stage == "DG2" and total >= 1024 and 0 < done <= total:
            taken.append(True)
            window.bridge.progressChanged.disconnect(on_progress)
            _shot(window, out, name)

    window.bridge.progressChanged.connect(on_progress)  # after the screen's own slot

    def finished() -> bool:
        if not taken:
            window.bridge.progressChanged.disconnect(on_progress)
        return bool(taken)

    return finished


def _face_ready(window, shown: int) -> Callable[[], bool]:
    """Wait for new camera frames and the portrait's crop (or for the flow to move on)."""
    face = window.face
    return lambda: (window.session.step is not Step.FACE
                    or (face.camera.frames_shown > shown + 3 and not face.portrait.searching))


def _shot(window, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    window.grab().save(str(path))
    _say(f"  saved {path}")


def _type_staff_id(window, staff_id: str) -> None:
    """Tap the ID on the login screen's keyboard, then its OK (the PIN pad comes next)."""
    keys = {b.text(): b for b in window.login.keyboard.findChildren(QPushButton)}
    for ch in staff_id:
        keys[ch].click()
    keys["OK"].click()


def _press_pin(window, pin: str) -> None:
    for digit in pin:
        window.login.keypad.press(digit)
    window.login.keypad.press("OK")


def _portrait(window, out: Path, name: str) -> Iterator[Callable[[], bool] | None]:
    """The same page on a 1080x1920 totem: resize, let the layout settle, shoot, restore."""
    geometry = window.geometry()
    window.setMinimumSize(0, 0)
    window.resize(1080, 1920)
    yield None
    yield None
    _shot(window, out, name)
    for screen in window.screens:  # back to landscape first: the portrait layout is taller
        screen.set_portrait(False)

    def back() -> bool:  # the layouts settle on a smaller minimum, then the window shrinks
        if window.size() != geometry.size():
            window.setGeometry(geometry)
            return False
        return True

    yield back


def _steps(window, out: Path, languages) -> Iterator[Callable[[], bool] | None]:
    core = window.core
    s = core.session
    name = {"vi": "Vietnamese", "en": "English"}
    _say(f"the emulated card's CAN is {core.demo_access.can}; staff and technician PIN 000000")
    for lang in languages:
        p = f"{lang}-"
        yield lambda: s.step is Step.WELCOME
        _say(f"{name[lang]}: the welcome screen; choosing {name[lang]}")
        _shot(window, out, p + "01-welcome")
        (window.welcome.vi_button if lang == "vi" else window.welcome.en_button).click()
        yield lambda: s.step is Step.CONSENT
        _say("the consent screen; tapping \"I agree\"")
        _shot(window, out, p + "02-consent")
        window.consent.yes_button.click()
        yield lambda: s.step is Step.SERVICE
        _say("choosing a public service")
        _shot(window, out, p + "03-service")
        window.service.select(core.list_services()[4].code)
        window.service.next_button.click()
        yield lambda: s.step is Step.ACCESS_KEY
        for digit in core.demo_access.can[:3]:
            window.access.keypad.press(digit)
        shown = window.access.camera.frames_shown
        yield _new_frames(window.access.camera, shown)
        _say(f"typing the CAN {core.demo_access.can} on the keypad")
        _shot(window, out, p + "04-access-key")
        for digit in core.demo_access.can[3:]:
            window.access.keypad.press(digit)
        _say("reading the chip through pcscd and the virtual reader")
        shot = _shot_mid_photo(window, out, p + "05-reading")
        window.access.keypad.press("OK")
        yield lambda: s.step is not Step.READING and s.step is not Step.PLACE_CARD
        if not shot():  # the read went by too fast to catch the photo half read
            _say("  (the read went by too fast to catch the photo being read)")
        yield lambda: s.step in (Step.FACE, Step.ERROR)
        shown = window.face.camera.frames_shown
        yield _face_ready(window, shown)
        _say("the face check: the chip portrait beside the camera (a still picture in the demo)")
        _shot(window, out, p + "06-face")
        yield lambda: s.step in (Step.REVIEW, Step.ERROR)
        if s.step is Step.ERROR:
            _say(f"unexpected: the flow stopped with {s.error.code if s.error else '?'}")
        if s.step is Step.REVIEW:
            _say("reviewing the pre-filled form and typing the fields the chip does not hold")
            fill_citizen_fields(core)
            window.review.show_form()
            _shot(window, out, p + "07-review")
            field = window.review.edits["kinh_gui"]
            field.setFocus()
            window.review.keyboard.target = field
            window.review.keyboard.setVisible(True)
            yield None
            _shot(window, out, p + "08-review-keyboard")
            window.review.confirm_button.click()
            yield lambda: s.step in (Step.RECEIPT, Step.ERROR)
            yield lambda: s.step is not Step.RECEIPT or window.receipt.state == "training"
            _say("the receipt: a training receipt, never sent")
            _shot(window, out, p + "09-receipt")
        _say("staff log in with their PIN to see the verdict and the face result")
        window._ask_pin("staff")
        _type_staff_id(window, "training")  # the training kiosk's built-in login
        yield None
        _shot(window, out, p + "10-staff-login")
        _press_pin(window, "000000")
        yield lambda: window.current is window.staff and window.staff.today.rowCount() > 0
        _shot(window, out, p + "11-staff-panel")
        yield from _portrait(window, out, p + "11-staff-panel-portrait")
        window._back_to_citizen()
        s.finish() if s.step is Step.RECEIPT else s.cancel()
        # an error screen: a wrong CAN
        yield lambda: s.step is Step.WELCOME
        (window.welcome.vi_button if lang == "vi" else window.welcome.en_button).click()
        window.consent.yes_button.click()
        yield lambda: s.step is Step.SERVICE  # the consent is recorded first (a worker)
        window.service.select(core.list_services()[0].code)
        window.service.next_button.click()
        wrong = "000000" if core.demo_access.can != "000000" else "111111"
        _say(f"EXPECTED FAILURE next: typing a wrong CAN ({wrong}) on purpose; the card will "
             "refuse it and the error screen will say what to do")
        for digit in wrong:
            window.access.keypad.press(digit)
        window.access.keypad.press("OK")
        yield lambda: s.step is Step.ERROR
        _say(f"the card refused the wrong CAN, as expected ({s.error.code if s.error else '?'})")
        _shot(window, out, p + "12-error-wrong-can")
        s.cancel()
        if lang == languages[0]:
            yield lambda: s.step is Step.WELCOME
            _say("large text and high contrast, switched on the welcome screen")
            window.welcome.toggles.large_button.click()
            window.welcome.toggles.contrast_button.click()
            yield None
            _shot(window, out, p + "14-large-high-contrast")
            window.welcome.toggles.large_button.click()
            window.welcome.toggles.contrast_button.click()
        _say("the technician's screen: readers, trust store, health")
        window._ask_pin("technician")
        _type_staff_id(window, "training")
        _press_pin(window, "000000")
        yield lambda: "Virtual PCD" in window.technician.texts["readers"].toPlainText()
        _shot(window, out, p + "13-technician")
        window._back_to_citizen()
        yield None
    _say(f"done: {len(list(out.glob('*.png')))} pictures in {out}")
