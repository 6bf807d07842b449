"""The next person on a two-person form: whose card is expected, and the ways to give them.

The session (kiosk.session, Step.PARTY) decides which party comes next and what is allowed for
it (`Session.party_options()`): read their card (the same access-key, place-card, reading and
face screens follow, under a banner naming the party), type their ID number on the keypad,
"that's me", or skip. This page shows those choices and sends the tap to the session; it
decides nothing. It shows no personal data: only the party's role and the session's notice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.records import party_consent_purpose
from kiosk.session import Step
from ui.screens.base import Screen
from ui.widgets.keypad import Keypad
from ui.workers import Job, run_in_pool

#: The steps of another party's card, under the banner that names whose card it is.
BANNER_STEPS = frozenset({Step.ACCESS_KEY, Step.PLACE_CARD, Step.READING, Step.FACE,
                          Step.ERROR})


class PartyScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.title.setObjectName("partyTitle")
        # the choices beside the keypad in landscape, above it in portrait (set_portrait); it
        # starts top to bottom, which fits either way while the keypad is closed
        self.body = body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        left = QVBoxLayout()
        self.explain = self.label("subtitle")
        self.remove_hint = self.label("subtitle")
        self.remove_hint.setObjectName("partyRemoveCard")
        self.notice = self.label("error")
        self.notice.setObjectName("partyNotice")
        self.read_button = self.button()
        self.read_button.setObjectName("partyRead")
        self.read_button.clicked.connect(self._agree)
        self._job: Job | None = None  # recording the party's consent
        self.type_button = self.button("secondary")
        self.type_button.setObjectName("partyType")
        self.type_button.clicked.connect(self._show_keypad)
        self.me_button = self.button("secondary")
        self.me_button.setObjectName("partyIsMe")
        self.me_button.clicked.connect(self.core.session.party_is_declarant)
        self.skip_button = self.button("secondary")
        self.skip_button.setObjectName("partySkip")
        self.skip_button.clicked.connect(self.core.session.party_skip)
        for w in (self.explain, self.remove_hint, self.notice):
            left.addWidget(w)
        choices = QGridLayout()  # two by two: four touch-sized buttons stacked do not fit 1080
        choices.addWidget(self.read_button, 0, 0)
        choices.addWidget(self.type_button, 0, 1)
        choices.addWidget(self.me_button, 1, 0)
        choices.addWidget(self.skip_button, 1, 1)
        left.addLayout(choices)
        left.addStretch(1)
        self.left = left
        right = QVBoxLayout()
        self.keypad_hint = self.label("subtitle")
        self.keypad = Keypad(12)
        self.keypad.setObjectName("partyKeypad")
        # twelve digits: a smaller display than the CAN keypad's, so it fits beside the choices
        self.keypad.display.setStyleSheet("font-size: 28px; letter-spacing: 0px; "
                                          "font-family: monospace;")
        self.keypad.submitted.connect(self._typed)
        self.keypad.changed.connect(lambda _v: self.core.session.touch())
        right.addWidget(self.keypad_hint)
        right.addWidget(self.keypad)
        right.addStretch(1)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        for w in (self.remove_hint, self.notice, self.keypad_hint, self.keypad):
            w.setVisible(False)  # shown when the session has something to say, or to type
        self.layout_.addLayout(body, 1)
        self.over_button = self.button("secondary")
        self.over_button.clicked.connect(self.core.session.cancel)
        self.layout_.addWidget(self.over_button)
        self.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: choices above the keypad, "Start over" at the bottom. Landscape: the
        keypad beside the choices, and "Start over" under the choices, so the keypad's
        height alone sets the page's (1080 px with the banner and the header)."""
        direction = (QBoxLayout.Direction.TopToBottom if portrait
                     else QBoxLayout.Direction.LeftToRight)
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            self.layout_.removeWidget(self.over_button)
            self.left.removeWidget(self.over_button)
            if portrait:
                self.layout_.addWidget(self.over_button)
            else:
                self.left.addWidget(self.over_button)
            self.layout_.activate()
            self.updateGeometry()  # the stack caches this page's minimum size

    def retranslate(self) -> None:
        self.read_button.setText(self.tr("I agree: read my card"))
        self.type_button.setText(self.tr("Type the ID number"))
        self.me_button.setText(self.tr("That's me"))
        self.skip_button.setText(self.tr("Skip: fill in later"))
        self.over_button.setText(self.tr("Start over"))
        self.keypad_hint.setText(self.tr("The 12-digit personal ID number"))
        self.remove_hint.setText(self.tr("First take the card already read off the reader."))
        if self.core.session.step is Step.PARTY:
            self.enter()

    def enter(self) -> None:
        """Show the choices the session allows for the party it asks for now."""
        s = self.core.session
        spec = s.party_spec
        if spec is None:
            return
        options = s.party_options()
        self.title.setText(spec.card_label(s.language))
        if options.read:
            self.explain.setText(self.tr(
                "This person places their own ID card on the reader and looks at the camera. "
                "Tapping “I agree: read my card” means they agree to the kiosk reading it."))
        else:
            self.explain.setText(self.tr(
                "This person's card is not read. Type their personal ID number if you know it; "
                "the other details are typed on the form."))
        self.read_button.setVisible(options.read)
        self.type_button.setVisible(options.type_id and options.read)
        self.me_button.setVisible(options.is_me)
        self.skip_button.setVisible(options.skip)
        typing_only = options.type_id and not options.read
        self.keypad.clear()
        self.keypad.setVisible(typing_only)
        self.keypad_hint.setVisible(typing_only)
        self.refresh()

    def refresh(self) -> None:
        """The session's notice and whether the card already read is still on the reader."""
        s = self.core.session
        self.notice.setText(" ".join(n.message(s.language) for n in s.party_notice))
        self.notice.setVisible(bool(s.party_notice))
        self.remove_hint.setVisible(s.previous_card_on_reader)

    def _agree(self) -> None:
        """This person agrees to the read of their card: their consent (the words on this
        page, in this language) is recorded first, on a worker, as the declarant's is
        (ui/screens/consent.py); the read starts once it is."""
        s = self.core.session
        spec = s.party_spec
        if self._job is not None or spec is None:
            return
        self.read_button.setEnabled(False)
        language, role = s.language, spec.role
        text = f"{self.title.text()}\n\n{self.explain.text()}\n\n{self.read_button.text()}"
        self._job = run_in_pool(
            lambda _p, _c: self.core.records.record_consent(
                language=language, text=text, purpose=party_consent_purpose(role)),
            on_result=lambda consent: self._recorded(role, consent.id),
            on_error=self._not_recorded)

    def _recorded(self, role: str, consent_id: int) -> None:
        self._job = None
        self.read_button.setEnabled(True)
        s = self.core.session
        spec = s.party_spec
        if s.step is Step.PARTY and spec is not None and spec.role == role:  # not wiped
            s.party_read_card(consent_id=consent_id)

    def _not_recorded(self, _exc: BaseException) -> None:
        self._job = None
        self.read_button.setEnabled(True)
        self.notice.setText(self.tr("The consent could not be recorded just now, so the card "
                                    "will not be read. Please ask the staff at the counter."))
        self.notice.setVisible(True)

    def _show_keypad(self) -> None:
        self.keypad.clear()
        self.keypad.setVisible(True)
        self.keypad_hint.setVisible(True)
        self.type_button.setVisible(False)  # the keypad is open

    def _typed(self, number: str) -> None:
        if self.core.session.step is not Step.PARTY:
            return
        self.core.session.party_type_id(number)
        # taken (it is in the form now) or refused (the notice says why): either way the
        # number is not left on the keypad
        self.keypad.clear()

    def wipe(self) -> None:
        self.keypad.clear()
        self.notice.clear()


class PartyBanner(QWidget):
    """Above every page while another party's card is read: whose card, and a way back to the
    choices. Hidden for the declarant."""

    def __init__(self, core, parent=None):
        super().__init__(parent)
        self.core = core
        self.setObjectName("partyBanner")
        # compact (the height of an on-screen keyboard key, 68 px, as touch target), so the
        # card screens under it still fit a 1080 px landscape screen
        self.setStyleSheet("#partyBanner { background: #0b3d91; } "
                           "#partyBanner QLabel { color: #ffffff; font-size: 28px; "
                           "font-weight: 700; padding: 4px 16px; } "
                           "#partyBanner QPushButton { min-height: 68px; padding: 0 20px; "
                           "background: #ffffff; color: #0b3d91; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 16, 2)
        self.text = QLabel()
        self.text.setObjectName("partyBannerText")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.back_button = QPushButton()
        self.back_button.setObjectName("partyBack")
        self.back_button.setProperty("role", "secondary")
        self.back_button.clicked.connect(self._back)
        row.addWidget(self.back_button)
        self.setVisible(False)

    def update_from(self, step: Step) -> None:
        s = self.core.session
        spec = s.party_spec
        show = s.serving_other_party and step in BANNER_STEPS and spec is not None
        self.setVisible(bool(show))
        if not show or spec is None:
            self.text.clear()
            return
        text = spec.card_label(s.language)
        if step is Step.PLACE_CARD and s.previous_card_on_reader:
            text += " — " + self.tr("first take the card already read off the reader")
        self.text.setText(text)
        self.back_button.setText(self.tr("Other choices"))
        retryable = step is not Step.ERROR or (s.error is not None
                                               and s.error.retry_step is not None)
        self.back_button.setVisible(step in (Step.ACCESS_KEY, Step.PLACE_CARD, Step.ERROR)
                                    and retryable)

    def _back(self) -> None:
        self.core.session.touch()
        self.core.session.back_to_party()
