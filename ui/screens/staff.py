"""Counter staff: verify the citizen in front of them and act on their behalf, verdict first.

One large verdict (colour, icon, words in Vietnamese and English), then the chip portrait
beside the camera frame the match was decided on, with the face score on a scale that shows
the threshold; each check in plain words with its reason (the technical ids only behind
"Details"); the identity fields; today's submissions with the service's name, the staff
member and the delivery state in words. A failed face match can be accepted only with a
typed reason, under the logged-in staff member's own name; the box is not even shown for a
card that failed its chip checks (the session refuses those too, kiosk.session.rules).
The words come from kiosk.staff_panel and kiosk.staff_words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk import staff_panel as panel
from kiosk.accounts import StaffLogin
from kiosk.session import InvalidTransition, Step
from kiosk.session.rules import override_refusal
from ui.screens.base import Screen
from ui.screens.staff_parts import ScoreBar, VerdictBanner, frame_pixmap, png_pixmap
from ui.widgets.camera_view import CameraView
from ui.widgets.keyboard import VietnameseKeyboard
from ui.workers import Job, run_in_pool

_CHECK_COLOURS = {"passed": panel.TONES["ok"], "failed": panel.TONES["stop"],
                  "not_possible": panel.TONES["warn"]}


class StaffScreen(Screen):
    editRequested = Signal()
    loggedOut = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.login: StaffLogin | None = None
        self._job: Job | None = None
        self._viewed: tuple[int, int] | None = None  # (login, read) already audited
        self._today: list[panel.TodayRow] = []
        self._pictures = (210, 280)
        # staff work at arm's length on a trained panel: tighter than the citizen screens,
        # so the whole case fits 1920x1080 and 1080x1920 (tests/ui/test_i18n.py)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(12)
        self.setStyleSheet('QPushButton[compact="true"] { min-height: 72px; font-size: 24px; '
                           'padding: 4px 16px; }')
        head = QHBoxLayout()
        self.layout_.removeWidget(self.title)
        self.who = self.label("subtitle", wrap=False)
        self.who.setObjectName("staffWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 1)
        head.addWidget(self.who)
        self.layout_.addLayout(head)
        self.banner = VerdictBanner()
        self.layout_.addWidget(self.banner)

        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        faces = QVBoxLayout()
        pictures = QHBoxLayout()
        self.portrait = QLabel()
        self.portrait.setObjectName("staffPortrait")
        self.captured = QLabel()
        self.captured.setObjectName("staffCaptured")
        self.camera = CameraView()
        for w in (self.portrait, self.captured):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setStyleSheet("background: #eceff4;")
        self.portrait_caption = self.label()
        self.frame_caption = self.label()
        for caption in (self.portrait_caption, self.frame_caption):
            caption.setStyleSheet("font-size: 20px; color: #3b3b3b;")
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        chip_side, camera_side = QVBoxLayout(), QVBoxLayout()
        chip_side.addWidget(self.portrait)
        chip_side.addWidget(self.portrait_caption)
        camera_side.addWidget(self.captured)
        camera_side.addWidget(self.camera)
        camera_side.addWidget(self.frame_caption)
        pictures.addLayout(chip_side)
        pictures.addLayout(camera_side)
        self.score = ScoreBar()
        self.score_caption = self.label()
        self.score_caption.setObjectName("staffScoreCaption")
        self.score_caption.setStyleSheet("font-size: 22px;")
        self.liveness = self.label()
        self.liveness.setStyleSheet("font-size: 22px;")
        faces.addLayout(pictures)
        faces.addWidget(self.score)
        faces.addWidget(self.score_caption)
        faces.addWidget(self.liveness)
        faces.addStretch(1)
        self.middle.addLayout(faces, 3)

        checks = QVBoxLayout()
        self.checks = QListWidget()
        self.checks.setObjectName("staffChecks")
        self.checks.setStyleSheet("QListWidget { font-size: 22px; } "
                                  "QListWidget::item { min-height: 34px; padding: 4px; }")
        self.checks.setWordWrap(True)
        self.details_button = QPushButton()
        self.details_button.setObjectName("staffDetailsToggle")
        self.details_button.setProperty("role", "secondary")
        self.details_button.setProperty("compact", True)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.details = QPlainTextEdit()
        self.details.setObjectName("staffDetails")
        self.details.setReadOnly(True)
        self.details.setStyleSheet("font-family: monospace; font-size: 16px;")
        self.details.setVisible(False)
        checks.addWidget(self.checks, 3)
        checks.addWidget(self.details, 2)
        checks.addWidget(self.details_button)
        self.middle.addLayout(checks, 3)
        # the identity fields: a card holds up to ~20, some long (addresses); a table scrolls
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("staffIdentity")
        self.fields.horizontalHeader().setVisible(False)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setStyleSheet("font-size: 20px;")
        self.middle.addWidget(self.fields, 3)
        self.layout_.addLayout(self.middle, 4)

        self.override_box = QWidget()
        self.override_box.setObjectName("overrideBox")
        box = QVBoxLayout(self.override_box)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.override_button = self.button("danger")
        self.override_button.setProperty("compact", True)
        self.override_button.setObjectName("overrideFace")
        self.override_button.clicked.connect(self._override)
        row.addWidget(self.override_reason, 3)
        row.addWidget(self.override_button, 1)
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
        self.today.setMinimumHeight(96)  # three rows; it scrolls (landscape 1080 px must fit)
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
        self.captured.setVisible(False)
        self.set_portrait(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Identity verification"))
        self.portrait_caption.setText(self.tr("Photo on the chip"))
        self.frame_caption.setText(self.tr("Camera at the face check"))
        self.details_button.setText(self.tr("Details"))
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
        self.middle.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                 else QBoxLayout.Direction.LeftToRight)
        self._pictures = (360, 480) if portrait else (210, 280)
        for w in (self.portrait, self.captured, self.camera):
            w.setFixedSize(*self._pictures)
        for i, b in enumerate(self._buttons()):
            self.actions.removeWidget(b)
            self.actions.addWidget(b, *((i // 2, i % 2) if portrait else (0, i)))
        if self.banner.verdict is not None:  # on show: the pictures at their new size
            self._show_pictures()

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
        self.say("")
        s = self.core.session
        p = s.personal
        lang = s.language
        error = s.error.code if s.step is Step.ERROR and s.error is not None else None
        verdict = panel.panel_verdict(p.read, p.face, error=error,
                                      require_genuine=s.require_genuine,
                                      override_by=p.override_by)
        self.banner.show_verdict(verdict, lang)
        self._show_pictures()
        scale = panel.face_scale(p.face)
        self.score.set_scale(scale)
        self.score.setVisible(scale is not None)
        self.score_caption.setText(scale.caption[0 if lang == "vi" else 1] if scale else "")
        self.liveness.setText(panel.liveness_words(p.face, lang))
        self.liveness.setVisible(p.face is not None)
        self.checks.clear()
        for line in panel.check_lines(p.read, lang):
            item = QListWidgetItem(f"{line.mark} {line.text}")
            item.setForeground(QColor(_CHECK_COLOURS.get(line.status, panel.TONES["info"])))
            self.checks.addItem(item)
        self.details.setPlainText("\n".join(panel.detail_lines(p.read, p.face)))
        lines = panel.identity_lines(p.identity, lang)
        self.fields.setRowCount(len(lines))
        for row, (label, value) in enumerate(lines):
            self.fields.setItem(row, 0, QTableWidgetItem(label))
            self.fields.setItem(row, 1, QTableWidgetItem(value))
        self.fields.resizeColumnToContents(0)
        self.fields.resizeRowsToContents()
        can_override = s.step is Step.ERROR and override_refusal(s.error) is None
        self.override_box.setVisible(can_override)
        self.override_button.setEnabled(can_override and self.login is not None)
        self.override_reason.setEnabled(can_override)
        if not can_override:
            self._typing(False)
        self.edit_button.setEnabled(s.step is Step.REVIEW and p.draft is not None)
        self.print_button.setEnabled(p.draft is not None)
        self._load()

    def _show_pictures(self) -> None:
        p = self.core.session.personal
        w, h = self._pictures
        if p.portrait_png:
            self.portrait.setPixmap(png_pixmap(p.portrait_png, w, h))
        else:
            self.portrait.clear()
        frame = p.face.frame if p.face is not None else None
        # hide first, then show: both at once would make the window grow (it never shrinks)
        (self.camera if frame is not None else self.captured).setVisible(False)
        (self.captured if frame is not None else self.camera).setVisible(True)
        if frame is not None:
            self.camera.stop()
            self.captured.setPixmap(frame_pixmap(frame, p.face.face_box, w, h))
        else:
            self.captured.clear()
            camera = self.core.camera()
            if camera is not None:
                self.camera.start(camera.latest)

    def _load(self) -> None:
        """Today's list, and an audit entry naming who looked at this citizen's data (once
        per login and read): both touch the database, on a worker."""
        login, s = self.login, self.core.session
        read = s.personal.read
        identity = s.personal.identity
        view = None
        if login is not None and read is not None and identity is not None \
                and self._viewed != (id(login), id(read)):
            self._viewed = (id(login), id(read))
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
        self._today = panel.today_rows(subs, self.core.session.language)
        self.today.setRowCount(len(self._today))
        for r, row in enumerate(self._today):
            for c, value in enumerate((row.time, row.reference, row.service, row.staff,
                                       row.state)):
                self.today.setItem(r, c, QTableWidgetItem(value))

    def _toggle_details(self, on: bool) -> None:
        self.details.setVisible(on)

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
        self._viewed = None
        self.who.setText("")
        self.wipe()

    def wipe(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.banner.clear()
        self.portrait.clear()
        self.captured.clear()
        self.camera.clear()
        self.checks.clear()
        self.details.setPlainText("")
        self.score.set_scale(None)
        self.score_caption.clear()
        self.liveness.clear()
        self.override_reason.setText("")  # also drops the undo history
        self.fields.setRowCount(0)
        self.say("")
