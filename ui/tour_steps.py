"""The screenshot tour's steps (ui/screenshots.py drives them): what to tap, what to wait for,
what to shoot and say, in the order a visitor would see the kiosk.

Each step is a generator that yields "wait until" conditions (a callable, or None for one turn
of the event loop so a layout settles); the driver resumes it when the condition holds.
Per language: a citizen files a one-person form (01-09), staff look at it in both orientations
(10, 11), a wrong CAN (12), the technician (13), a couple registers a marriage with both cards
in turn in the virtual reader (15-17); once, large text with high contrast (14).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.demo import spouse_chip
from kiosk.logins import TRAINING_ID, TRAINING_PIN
from kiosk.session import Step

Wait = Callable[[], bool] | None
Steps = Iterator[Wait]

#: The services the tour files: a one-person form, and one that needs both partners' cards.
ONE_PERSON = "khai-bao-tam-vang"
TWO_PEOPLE = "dang-ky-ket-hon"
SAMPLES = {
    "address": "Số 5 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
    "phone": "0912345678",
    "email": "cong.dan@example.vn",
    "integer": "1",
    "number": "1",
}
_NAMES = {"vi": "Vietnamese", "en": "English"}


def fill_citizen_fields(core) -> None:
    """Fill every required field the citizen owns with a plausible sample (demo only)."""
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


class Tour:
    def __init__(self, window, out_dir: str, say: Callable[[str], None]) -> None:
        self.window = window
        self.core = window.core
        self.s = window.core.session
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.say = say
        self.home = window.geometry()  # the screen's landscape size, restored after portrait

    def steps(self, languages) -> Steps:
        self.say(f"the emulated card's CAN is {self.core.demo_access.can}; staff and "
                 f"technician log in as {TRAINING_ID}, PIN {TRAINING_PIN}")
        for lang in languages:
            p = f"{lang}-"
            yield from self.citizen(lang, p)
            yield from self.staff(p)
            yield from self.wrong_can(lang, p)
            if lang == languages[0]:
                yield from self.large_high_contrast(p)
            yield from self.technician(p)
            yield from self.two_people(lang, p)
        self.say(f"done: {len(list(self.out.glob('*.png')))} pictures in {self.out}")

    # --- helpers ------------------------------------------------------------------------
    def shot(self, name: str) -> None:
        path = self.out / f"{name}.png"
        self.window.grab().save(str(path))
        self.say(f"  saved {path}")

    def begin(self, lang: str, service: str) -> Steps:
        """From the welcome screen to the access key of `service` in `lang`."""
        w = self.window
        yield self.at(Step.WELCOME)
        (w.welcome.vi_button if lang == "vi" else w.welcome.en_button).click()
        w.consent.yes_button.click()
        yield self.at(Step.SERVICE)  # the consent is recorded first (a worker)
        w.service.select(service)
        w.service.next_button.click()
        yield self.at(Step.ACCESS_KEY)

    def at(self, step: Step) -> Wait:
        """Wait until the session is at `step` and the window shows its page (taps go to
        the page on screen: a page still hidden has not been reset by its `enter`)."""
        w = self.window
        return lambda: self.s.step is step and w.current is w.pages[step]

    def log_in(self, role: str) -> None:
        """The login screen: the training ID on its keyboard, then the PIN pad."""
        login = self.window.login
        self.window._ask_pin(role)
        keys = {b.text(): b for b in login.keyboard.findChildren(QPushButton)}
        for ch in TRAINING_ID:
            keys[ch].click()
        keys["OK"].click()

    def press_pin(self) -> None:
        self.window.login.keypad.enter(TRAINING_PIN)

    def portrait_shot(self, name: str, before: Callable[[], None] | None = None) -> Steps:
        """The page on a 1080x1920 totem: resize, let the layout settle, (`before`), shoot;
        then the screens' landscape layouts again (`landscape_again` restores the size)."""
        self.window.setMinimumSize(0, 0)
        self.window.resize(1080, 1920)
        yield None
        yield None
        if before is not None:
            before()
            yield None
        self.shot(name)
        for screen in self.window.screens:  # landscape first: the portrait layout is taller
            screen.set_portrait(False)

    def landscape_again(self) -> Wait:
        """Back to the screen's landscape size (the layouts settle on a smaller minimum
        first, then the window shrinks)."""
        def back() -> bool:
            if self.window.geometry() != self.home:
                self.window.setGeometry(self.home)
                return False
            return True
        return back

    def shot_mid_photo(self, name: str) -> Callable[[], bool]:
        """Grab the reading screen once, on the first bytes of the photo (DG2): the step, the
        KB and the time left show. Returns whether the picture was taken."""
        bridge = self.window.bridge
        taken: list[bool] = []

        def on_progress(stage: str, done: int, total: int) -> None:
            if not taken and stage == "DG2" and total >= 1024 and 0 < done <= total:
                taken.append(True)
                bridge.progressChanged.disconnect(on_progress)
                self.shot(name)

        bridge.progressChanged.connect(on_progress)  # after the screen's own slot

        def finished() -> bool:
            if not taken:
                bridge.progressChanged.disconnect(on_progress)
            return bool(taken)

        return finished

    # --- the steps ----------------------------------------------------------------------
    def citizen(self, lang: str, p: str) -> Steps:
        w, s, can = self.window, self.s, self.core.demo_access.can
        yield self.at(Step.WELCOME)
        self.say(f"{_NAMES[lang]}: the welcome screen; choosing {_NAMES[lang]}")
        self.shot(p + "01-welcome")
        (w.welcome.vi_button if lang == "vi" else w.welcome.en_button).click()
        yield self.at(Step.CONSENT)
        self.say("the consent screen; tapping \"I agree\"")
        self.shot(p + "02-consent")
        w.consent.yes_button.click()
        yield self.at(Step.SERVICE)
        self.say("choosing a public service")
        self.shot(p + "03-service")
        w.service.select(ONE_PERSON)
        w.service.next_button.click()
        yield self.at(Step.ACCESS_KEY)
        for digit in can[:3]:
            w.access.keypad.press(digit)
        shown = w.access.camera.frames_shown
        yield lambda: w.access.camera.frames_shown > shown + 3
        self.say(f"typing the CAN {can} on the keypad")
        self.shot(p + "04-access-key")
        for digit in can[3:]:
            w.access.keypad.press(digit)
        self.say("reading the chip through pcscd and the virtual reader")
        shot = self.shot_mid_photo(p + "05-reading")
        w.access.keypad.press("OK")
        yield lambda: s.step is not Step.READING and s.step is not Step.PLACE_CARD
        if not shot():  # the read went by too fast to catch the photo half read
            self.say("  (the read went by too fast to catch the photo being read)")
        yield from self.face(p + "06-face", "the face check: the chip portrait beside the "
                             "camera (a still picture in the demo)")
        yield lambda: s.step in (Step.REVIEW, Step.ERROR)
        if s.step is not Step.REVIEW:
            self.say(f"unexpected: the flow stopped with {s.error.code if s.error else '?'}")
            return
        self.say("reviewing the pre-filled form and typing the fields the chip does not hold")
        fill_citizen_fields(self.core)
        w.review.show_form()
        self.shot(p + "07-review")
        field = w.review.edits["kinh_gui"]
        field.setFocus()
        w.review.keyboard.target = field
        w.review.keyboard.setVisible(True)
        yield None
        self.shot(p + "08-review-keyboard")
        w.review.confirm_button.click()
        yield lambda: s.step in (Step.RECEIPT, Step.ERROR)
        yield lambda: s.step is not Step.RECEIPT or w.receipt.state == "training"
        self.say("the receipt: a training receipt, never sent")
        self.shot(p + "09-receipt")

    def face(self, name: str, text: str) -> Steps:
        """Wait for the face screen with new camera frames and the portrait's crop, shoot."""
        s, face = self.s, self.window.face
        yield lambda: s.step in (Step.FACE, Step.ERROR)
        shown = face.camera.frames_shown
        yield lambda: (s.step is not Step.FACE
                       or (face.camera.frames_shown > shown + 3 and not face.portrait.searching))
        self.say(text)
        self.shot(name)

    def staff(self, p: str) -> Steps:
        w, s = self.window, self.s
        self.say(f"staff log in with their own ID and PIN (here the training login, "
                 f"{TRAINING_ID}) to see the verdict and the face result")
        self.log_in("staff")
        yield None
        self.shot(p + "10-staff-login")
        self.press_pin()
        yield lambda: w.current is w.staff and w.staff.today.rowCount() > 0
        # the panel at the screen's size: the window grows while the page changes under it
        # (Qt's minimum of the old and the new page) and does not shrink back by itself
        yield self.landscape_again()
        self.shot(p + "11-staff-panel")
        self.say("the same panel on a 1080x1920 totem")
        yield from self.portrait_shot(p + "11-staff-panel-portrait")
        w._back_to_citizen()
        s.finish() if s.step is Step.RECEIPT else s.cancel()
        yield self.landscape_again()

    def wrong_can(self, lang: str, p: str) -> Steps:
        s, keypad = self.s, self.window.access.keypad
        yield from self.begin(lang, self.core.list_services()[0].code)
        wrong = "000000" if self.core.demo_access.can != "000000" else "111111"
        self.say(f"EXPECTED FAILURE next: typing a wrong CAN ({wrong}) on purpose; the card "
                 "will refuse it and the error screen will say what to do")
        keypad.enter(wrong)
        yield lambda: s.step is Step.ERROR
        self.say(f"the card refused the wrong CAN, as expected "
                 f"({s.error.code if s.error else '?'})")
        self.shot(p + "12-error-wrong-can")
        s.cancel()

    def large_high_contrast(self, p: str) -> Steps:
        toggles = self.window.welcome.toggles
        yield self.at(Step.WELCOME)
        self.say("large text and high contrast, switched on the welcome screen")
        toggles.large_button.click()
        toggles.contrast_button.click()
        yield None
        self.shot(p + "14-large-high-contrast")
        toggles.large_button.click()
        toggles.contrast_button.click()

    def technician(self, p: str) -> Steps:
        w = self.window
        self.say("the technician's screen: readers, trust store, health")
        self.log_in("technician")
        self.press_pin()
        yield lambda: (w.current is w.technician
                       and "Virtual PCD" in w.technician.texts["readers"].toPlainText())
        self.shot(p + "13-technician")
        w._back_to_citizen()
        yield None

    def two_people(self, lang: str, p: str) -> Steps:
        """Marriage registration: the demo citizen's card, then her spouse's, swapped in the
        virtual reader as the second partner would place his."""
        w, s, core = self.window, self.s, self.core
        spouse = spouse_chip()
        self.say("a two-person service: marriage registration needs both partners' cards")
        yield from self.begin(lang, TWO_PEOPLE)
        w.access.keypad.enter(core.demo_access.can)
        yield lambda: s.step in (Step.PARTY, Step.ERROR)
        yield self.at(s.step)
        if s.step is not Step.PARTY:
            self.say(f"unexpected: the flow stopped with {s.error.code if s.error else '?'}")
            s.cancel()
            return
        self.say("the first partner is read and her face checked; the kiosk asks whose card "
                 "comes next")
        self.shot(p + "15-party")
        w.party.read_button.click()
        yield self.at(Step.ACCESS_KEY)
        self.say(f"typing the spouse's CAN {spouse.access_data.can}")
        w.access.keypad.enter(spouse.access_data.can)
        yield lambda: s.step is Step.PLACE_CARD and s.previous_card_on_reader
        self.say("the first card leaves the virtual reader (her data stays: no wipe)")
        core.place_demo_card(None)
        yield lambda: not s.previous_card_on_reader
        yield None
        self.shot(p + "16-spouse-card")
        self.say("the spouse's card goes in: his read, then his face check")
        core.place_demo_card(spouse)
        yield lambda: s.step in (Step.REVIEW, Step.ERROR)
        if s.step is Step.REVIEW:
            fill_citizen_fields(core)
            w.review.show_form()
            self.say(f"the review with both people's sections "
                     f"({', '.join(h.text() for h in self.section_headings())}), on a "
                     "1080x1920 totem where both fit")
            yield from self.portrait_shot(p + "17-review-two-people",
                                          before=self.scroll_to_first_person)
        else:
            self.say(f"unexpected: the flow stopped with {s.error.code if s.error else '?'}")
        s.cancel()
        core.place_demo_card(core.demo_chip)  # the demo citizen's card back in the reader
        yield self.landscape_again()
        yield lambda: s.step is Step.WELCOME and core.reading.readers.card_present()

    def section_headings(self) -> list[QLabel]:
        """The review's section headings, top to bottom (made in the form's order)."""
        holder = self.window.review.form_area.widget()
        return [h for h in holder.findChildren(QLabel) if h.objectName() == "formSection"]

    def scroll_to_first_person(self) -> None:
        """Scroll the review to the first person's heading: theirs, then the second's."""
        headings = self.section_headings()
        if len(headings) >= 2:
            area = self.window.review.form_area
            area.verticalScrollBar().setValue(
                headings[1].mapTo(area.widget(), QPoint(0, 0)).y() - 8)
