"""Counter staff: verify every person of the form and act on their behalf, verdict first.

For a two-person service, one tab per person (the role's name in Vietnamese and English and
their verdict's icon: kiosk.staff_parties); for the person chosen, one large verdict
(colour, icon, words in Vietnamese and English), then their case (ui/screens/staff_case.py):
the chip portrait beside the camera frame the match was decided on, the face score on a
scale that shows the threshold and where it came from, each check in plain words (the
technical ids and the session's error detail only behind "Details"), the identity fields.
Today's submissions with the service's name, the staff member and the delivery state in
words. A failed face match can be accepted only with a typed reason, under the logged-in
staff member's own name, for the person whose face check failed (the box says whose); the
box is not even shown for a card that failed its chip checks (the session refuses those
too, kiosk.session.rules). The words come from kiosk.staff_panel and kiosk.staff_words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk import staff_panel as panel_words
from kiosk.accounts import StaffLogin
from kiosk.face.threshold import ThresholdInForce
from kiosk.session import InvalidTransition, Step
from kiosk.session.rules import override_refusal
from kiosk.staff_parties import PartyPanel, error_detail, override_caption, party_panels
from ui.screens.base import Screen
from ui.screens.staff_case import CaseView
from ui.screens.staff_parts import PartyTabs, VerdictBanner
from ui.widgets.keyboard import VietnameseKeyboard
from ui.workers import Job, run_in_pool


class StaffScreen(Screen):
    editRequested = Signal()
    loggedOut = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.login: StaffLogin | None = None
        self._job: Job | None = None
        self._viewed: set[tuple[int, int]] = set()  # (login, read) already audited
        self._panels: list[PartyPanel] = []  # every person of the form (kiosk.staff_parties)
        self._shown: PartyPanel | None = None  # the person whose case is on screen
        self._today: list[panel_words.TodayRow] = []
        # staff work at arm's length on a trained panel: tighter than the citizen screens,
        # so the whole case fits 1920x1080 and 1080x1920 (tests/ui/test_i18n.py)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(8)
        self.setStyleSheet('QPushButton[compact="true"] { min-height: 72px; font-size: 24px; '
                           'padding: 4px 16px; }')
        # the title and who is logged in, in the header beside the switches (landscape: one
        # row, so the case keeps the height a 1080 px screen has; portrait: under them)
        head = QHBoxLayout()
        self.header.removeWidget(self.title)
        self.who = self.label("subtitle", wrap=False)
        self.who.setObjectName("staffWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        head.addWidget(self.who)
        self.header.insertLayout(0, head, 1)
        self.people = PartyTabs()
        self.people.setVisible(False)
        self.people.chosen.connect(self._choose)
        self.layout_.addWidget(self.people)
        self.banner = VerdictBanner()
        self.layout_.addWidget(self.banner)

        self.case = CaseView()  # one person's case: pictures, score, checks, identity
        self.layout_.addWidget(self.case, 4)
        # the case's parts by their names on the panel (tests and screenshots use them)
        self.portrait, self.captured, self.camera = (self.case.portrait, self.case.captured,
                                                     self.case.camera)
        self.score, self.score_caption = self.case.score, self.case.score_caption
        self.threshold_origin, self.liveness = self.case.threshold_origin, self.case.liveness
        self.checks, self.details = self.case.checks, self.case.details
        self.details_button, self.fields = self.case.details_button, self.case.fields

        self.override_box = QWidget()
        self.override_box.setObjectName("overrideBox")
        box = QVBoxLayout(self.override_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.override_whose = self.label()  # whose face: the party in front of the kiosk
        self.override_whose.setObjectName("overrideWhose")
        self.override_whose.setStyleSheet("font-size: 22px; font-weight: 700;")
        # landscape: whose face, the reason and the button on one row (a face mismatch's
        # panel must fit 1080 px); portrait: whose face above the row (set_portrait)
        self.override_row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.addWidget(self.override_whose, 2)
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.override_button = self.button("danger")
        self.override_button.setProperty("compact", True)
        self.override_button.setObjectName("overrideFace")
        self.override_button.clicked.connect(self._override)
        entry = QHBoxLayout()
        entry.addWidget(self.override_reason, 3)
        entry.addWidget(self.override_button, 1)
        row.addLayout(entry, 4)
        box.addLayout(row)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.target = self.override_reason
        self.keyboard.setVisible(False)
        self.override_reason.installEventFilter(self)
        self.keyboard.done.connect(lambda: self._typing(False))
        box.addWidget(self.keyboard)
        self.override_box.setVisible(False)
        self.layout_.addWidget(self.override_box)
        self.message = self.label("error")
        self.message.setObjectName("staffMessage")
        self.message.setVisible(False)
        self.layout_.addWidget(self.message)

        self.today = QTableWidget(0, 5)
        self.today.setObjectName("todaySubmissions")
        # its header and a row at least; it scrolls (a face mismatch's panel with the override
        # box must fit a 1080 px landscape screen under the training banner)
        self.today.setMinimumHeight(72)
        self.today.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.today.verticalHeader().setVisible(False)
        self.today.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.today.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.today.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.today.setStyleSheet("font-size: 20px;")
        self.layout_.addWidget(self.today, 2)
        self.actions = QGridLayout()
        self.edit_button = self.button()
        self.print_button = self.button("secondary")
        self.reprint_button = self.button("secondary")
        self.logout_button = self.button("secondary")
        self.edit_button.clicked.connect(self.editRequested.emit)
        self.print_button.clicked.connect(self._print)
        self.reprint_button.clicked.connect(self._reprint)
        self.logout_button.clicked.connect(self.loggedOut.emit)
        for b in self._buttons():
            b.setProperty("compact", True)
        self.layout_.addLayout(self.actions)
        self.set_portrait(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Identity verification"))
        self.case.retranslate()
        self.override_reason.setPlaceholderText(self.tr("Reason for accepting a failed face match"))
        self.override_button.setText(self.tr("Accept with reason"))
        self.edit_button.setText(self.tr("Review and submit the form"))
        self.print_button.setText(self.tr("Print the form"))
        self.reprint_button.setText(self.tr("Reprint selected"))
        self.logout_button.setText(self.tr("Log out"))
        self.today.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Reference"), self.tr("Service"), self.tr("Staff"),
             self.tr("Delivery")])
        if self.login is not None:
            self._show_who()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        """No: wrapped labels would make Qt size the whole window for the narrowest width
        the layout allows (taller than the screen); the panel is always shown full width."""
        return False

    def say(self, text: str) -> None:
        """A message for staff under the panel (hidden when there is none)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.logout_button, self.reprint_button, self.print_button, self.edit_button)

    def set_portrait(self, portrait: bool) -> None:
        """Landscape: the pictures, the checks and the identity side by side, one row of
        buttons. Portrait: stacked, larger pictures, the buttons two by two."""
        self.case.set_portrait(portrait)
        self.override_row.removeWidget(self.override_whose)
        self.override_row.insertWidget(0, self.override_whose, 0 if portrait else 2)
        self.override_row.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                       else QBoxLayout.Direction.LeftToRight)
        for i, b in enumerate(self._buttons()):
            self.actions.removeWidget(b)
            self.actions.addWidget(b, *((i // 2, i % 2) if portrait else (0, i)))
        if self._shown is not None:  # on show: the pictures at their new size
            self.case.show_pictures(self._shown, self.core.camera)

    def open(self, login: StaffLogin) -> None:
        """The panel is now the logged-in person's (kiosk.logins)."""
        self.login = login
        self._show_who()

    def _show_who(self) -> None:
        who = self.login.staff_id if self.login is not None else ""
        self.who.setText(self.tr("Logged in: %1").replace("%1", who))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.override_reason and event.type() == event.Type.MouseButtonPress:
            self._typing(True)
        return False

    def _typing(self, on: bool) -> None:
        """The keyboard for the reason takes the place of today's list and the buttons."""
        self.keyboard.setVisible(on)
        self.today.setVisible(not on)
        for b in self._buttons():
            b.setVisible(not on)

    # --- showing the session ---------------------------------------------------------------
    def enter(self) -> None:
        """Every person of the form, the one the panel showed (else the one in front of the
        kiosk, whose error it is) on screen; the override box for the current party."""
        self.say("")
        s = self.core.session
        error = s.error if s.step is Step.ERROR else None
        self._panels = party_panels(s.service, s.personal, error=error,
                                    require_genuine=s.require_genuine)
        roles = [x.role for x in self._panels]
        keep = self._shown.role if self._shown is not None else None
        # at an error, the person it concerns (whose face failed); else as staff left it
        selected = keep if keep in roles and error is None else s.personal.current
        if selected not in roles:
            selected = roles[0] if roles else "declarant"
        self.people.set_parties(self._panels, selected, s.language)
        can_override = s.step is Step.ERROR and override_refusal(s.error) is None
        current = next((x for x in self._panels if x.current), None)
        self.override_whose.setText(override_caption(current, s.language)
                                    if len(self._panels) > 1 else "")
        self.override_whose.setVisible(len(self._panels) > 1)
        self.override_box.setVisible(can_override)
        self.override_button.setEnabled(can_override and self.login is not None)
        self.override_reason.setEnabled(can_override)
        if not can_override:
            self._typing(False)
        self.edit_button.setEnabled(s.step is Step.REVIEW and s.personal.draft is not None)
        self.print_button.setEnabled(s.personal.draft is not None)
        self._choose(selected)

    def _choose(self, role: str) -> None:
        """Show one person's case: verdict, pictures, face score, checks, details, fields."""
        panel = next((x for x in self._panels if x.role == role), None)
        self._shown = panel
        if panel is None:
            self.banner.clear()
            self.case.clear()
            return
        s = self.core.session
        error = s.error if s.step is Step.ERROR else None
        current = next((x for x in self._panels if x.current), None)
        self.banner.show_verdict(panel.verdict, s.language)
        in_force, why = self._threshold()
        self.case.show_case(panel, s.language, camera=self.core.camera, in_force=in_force,
                            why=why, error=error_detail(error, current))
        self._load(panel)

    def _threshold(self) -> tuple[ThresholdInForce | None, str]:
        """The face threshold in force (the face station's), or why there is none."""
        try:
            return self.core.face.threshold_in_force(), ""
        except Exception as exc:  # noqa: BLE001 - a bad calibration: say so in Details
            return None, type(exc).__name__

    def _load(self, panel: PartyPanel) -> None:
        """Today's list, and an audit entry naming who looked at this person's data (once
        per login and read): both touch the database, on a worker."""
        login = self.login
        read, identity = panel.read, panel.identity
        view = None
        if login is not None and read is not None and identity is not None \
                and (id(login), id(read)) not in self._viewed:
            self._viewed.add((id(login), id(read)))
            view = (login.actor, identity.id_number)
        records = self.core.records

        def work(_p, _c):
            if view is not None:
                records.audit("identity.viewed", actor=view[0], subject=view[1])
            return records.todays()

        if self._job is not None:
            self._job.cancel()
        self._job = run_in_pool(work, on_result=self._fill_today,
                                on_error=lambda _e: self._fill_today([]))

    def _fill_today(self, subs) -> None:  # noqa: ANN001 - list[kiosk.store.Submission]
        self._job = None
        self._today = panel_words.today_rows(subs, self.core.session.language)
        self.today.setRowCount(len(self._today))
        for r, row in enumerate(self._today):
            for c, value in enumerate((row.time, row.reference, row.service, row.staff,
                                       row.state)):
                self.today.setItem(r, c, QTableWidgetItem(value))

    # --- acting ------------------------------------------------------------------------
    def _override(self) -> None:
        reason = self.override_reason.text().strip()
        if not reason:
            self.say(self.tr("A reason is required"))
            return
        if self.login is None:
            self.say(self.tr("Log in with your own staff ID first"))
            return
        try:
            self.core.session.staff_override_face(reason, by=self.login.actor)
        except InvalidTransition:
            self.say(self.tr("This card failed its chip checks: it cannot be "
                                         "accepted"))
            return
        # setText, not clear(): clear() is an undoable edit, so undo() would bring the reason
        # (free text that may name people) back (tests/hardening/test_personal_data.py)
        self.override_reason.setText("")
        self._typing(False)
        self.enter()

    def _print(self) -> None:
        ok, info = self.core.print_form()
        self.say(info)

    def _reprint(self) -> None:
        rows = self.today.selectionModel().selectedRows()
        if not rows or self.login is None:
            self.say(self.tr("Select a submission in today's list first"))
            return
        reference, actor = self._today[rows[0].row()].reference, self.login.actor
        run_in_pool(lambda _p, _c: self.core.records.reprint(reference, actor=actor),
                    on_result=lambda r: self.say(r[1]),
                    on_error=lambda e: self.say(type(e).__name__))

    def leave(self) -> None:
        self.camera.stop()

    def log_out(self) -> None:
        self.login = None
        self._viewed = set()
        self.who.setText("")
        self.wipe()

    def wipe(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.banner.clear()
        self._panels, self._shown = [], None
        self.people.set_parties([], "", "vi")
        self.override_whose.setText("")
        self.case.clear()
        self.override_reason.setText("")  # also drops the undo history
        self.say("")
