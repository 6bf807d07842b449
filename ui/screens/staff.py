"""Counter staff: verify the citizen in front of them and act on their behalf.

Chip portrait beside the live camera, the face score and decision, the chip verdict in plain
words (and the kiosk's policy when the card cannot be proven genuine), every check with its
reason, the identity fields, and today's submissions with their delivery status. A failed face
match can be overridden only with a typed reason, which goes to the audit log; a card that
failed its chip checks cannot be overridden at all (the session refuses, kiosk.session.rules).
The text comes from kiosk.staff_panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kiosk import staff_panel as panel
from kiosk.session import InvalidTransition, Step
from kiosk.session.rules import override_refusal
from ui.screens.base import Screen
from ui.widgets.camera_view import CameraView
from ui.widgets.keyboard import VietnameseKeyboard


class StaffScreen(Screen):
    editRequested = Signal()
    loggedOut = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        top = QHBoxLayout()
        faces = QVBoxLayout()
        pictures = QHBoxLayout()  # chip photo beside the live camera, same height
        self.portrait = QLabel()
        self.portrait.setObjectName("staffPortrait")
        self.portrait.setFixedSize(180, 240)
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.camera = CameraView()
        self.camera.setFixedSize(320, 240)
        pictures.addWidget(self.portrait)
        pictures.addWidget(self.camera)
        self.face_label = self.label()
        self.face_label.setObjectName("staffFace")
        self.face_label.setStyleSheet("font-size: 22px;")
        faces.addLayout(pictures)
        faces.addWidget(self.face_label)
        faces.addStretch(1)
        top.addLayout(faces)
        self.checks = QListWidget()
        self.checks.setObjectName("staffChecks")
        self.checks.setStyleSheet("QListWidget { font-size: 20px; } "
                                  "QListWidget::item { min-height: 30px; padding: 2px; }")
        self.checks.setWordWrap(True)
        top.addWidget(self.checks, 2)
        # the identity fields: a card holds up to ~20, some long (addresses); a table scrolls
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("staffIdentity")
        self.fields.horizontalHeader().setVisible(False)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setStyleSheet("font-size: 20px;")
        top.addWidget(self.fields, 2)
        self.layout_.addLayout(top, 3)

        override = QHBoxLayout()
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.override_button = self.button("danger")
        self.override_button.setObjectName("overrideFace")
        self.override_button.clicked.connect(self._override)
        override.addWidget(self.override_reason, 3)
        override.addWidget(self.override_button, 1)
        self.layout_.addLayout(override)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.target = self.override_reason
        self.keyboard.setVisible(False)
        self.override_reason.installEventFilter(self)
        self.keyboard.done.connect(lambda: self.keyboard.setVisible(False))
        self.layout_.addWidget(self.keyboard)
        self.message = self.label("error")
        self.layout_.addWidget(self.message)

        self.today = QTableWidget(0, 4)
        self.today.setObjectName("todaySubmissions")
        self.today.setMinimumHeight(120)
        self.today.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.today.setStyleSheet("font-size: 20px;")
        self.layout_.addWidget(self.today, 2)
        row = QHBoxLayout()
        self.edit_button = self.button()
        self.print_button = self.button("secondary")
        self.logout_button = self.button("secondary")
        self.edit_button.clicked.connect(self.editRequested.emit)
        self.print_button.clicked.connect(self._print)
        self.logout_button.clicked.connect(self.loggedOut.emit)
        row.addWidget(self.logout_button)
        row.addWidget(self.print_button)
        row.addWidget(self.edit_button)
        self.layout_.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Identity verification"))
        self.override_reason.setPlaceholderText(self.tr("Reason for accepting a failed face match"))
        self.override_button.setText(self.tr("Accept with reason"))
        self.edit_button.setText(self.tr("Review and submit the form"))
        self.print_button.setText(self.tr("Print the form"))
        self.logout_button.setText(self.tr("Log out"))
        self.today.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Reference"), self.tr("Service"), self.tr("Delivery")])

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.override_reason and event.type() == event.Type.MouseButtonPress:
            self.keyboard.setVisible(True)
        return False

    def enter(self) -> None:
        self.message.clear()
        s = self.core.session
        p = s.personal
        if p.portrait_png:
            self.portrait.setPixmap(QPixmap.fromImage(QImage.fromData(p.portrait_png)).scaled(
                180, 240, Qt.AspectRatioMode.KeepAspectRatio))
        camera = self.core.camera()
        if camera is not None:
            self.camera.start(camera.latest)
        self.face_label.setText(panel.face_summary(p.face, s.language))
        self.checks.clear()
        for line in panel.verdict_lines(p.read, s.language,
                                        require_genuine=s.require_genuine):
            self.checks.addItem(line)
        for line in panel.check_lines(p.read):
            self.checks.addItem(line)
        lines = panel.identity_lines(p.identity, s.language)
        self.fields.setRowCount(len(lines))
        for row, (label, value) in enumerate(lines):
            self.fields.setItem(row, 0, QTableWidgetItem(label))
            self.fields.setItem(row, 1, QTableWidgetItem(value))
        self.fields.resizeColumnToContents(0)
        self.fields.resizeRowsToContents()
        can_override = s.step is Step.ERROR and override_refusal(s.error) is None
        self.override_button.setEnabled(can_override)
        self.override_reason.setEnabled(can_override)
        self.edit_button.setEnabled(s.step is Step.REVIEW and s.personal.draft is not None)
        self.print_button.setEnabled(s.personal.draft is not None)
        self._fill_today()

    def _fill_today(self) -> None:
        rows = self.core.records.todays()
        self.today.setRowCount(len(rows))
        for r, sub in enumerate(rows):
            for c, value in enumerate(sub):
                self.today.setItem(r, c, QTableWidgetItem(str(value)))

    def _override(self) -> None:
        reason = self.override_reason.text().strip()
        if not reason:
            self.message.setText(self.tr("A reason is required"))
            return
        try:
            self.core.session.staff_override_face(reason)
        except InvalidTransition:
            self.message.setText(self.tr("This card failed its chip checks: it cannot be "
                                         "accepted"))
            return
        # setText, not clear(): clear() is an undoable edit, so undo() would bring the reason
        # (free text that may name people) back (tests/hardening/test_personal_data.py)
        self.override_reason.setText("")
        self.keyboard.setVisible(False)
        self.enter()

    def _print(self) -> None:
        ok, info = self.core.print_form()
        self.message.setText(info)

    def leave(self) -> None:
        self.camera.stop()

    def wipe(self) -> None:
        self.portrait.clear()
        self.camera.clear()
        self.checks.clear()
        self.face_label.clear()
        self.override_reason.setText("")  # also drops the undo history
        self.fields.setRowCount(0)
