"""Errors: what happened in plain words, and the one thing to do next.

The sentence and the action come from kiosk.problems (one wording, in Vietnamese and English,
for the screen, the CLI and the docs): try again, use the MRZ instead of a blocked CAN, go to a
counter, or call staff. The main button does that action; "Start over" and "Call staff" stay
beside it where they make sense. A wrong CAN says how many tries the card has left, in words.
Status words and step ids are for staff and technicians (`problems.staff_detail`, logged and
on the staff panel), never on this screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout

from kiosk.problems import Action, action_label, advice, citizen_text, staff_detail
from ui.screens.base import Screen

log = logging.getLogger(__name__)


class ErrorScreen(Screen):
    staffRequested = Signal()
    mrzRequested = Signal()  # open the card with the MRZ: the access screen in MRZ mode

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.message = self.label("message")
        self.message.setObjectName("errorMessage")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        self.over_button = self.button("secondary")
        self.over_button.setObjectName("errorStartOver")
        self.staff_button = self.button("secondary")
        self.staff_button.setObjectName("errorStaff")
        self.action_button = self.button()
        self.action_button.setObjectName("errorAction")
        self.retry_button = self.action_button  # the main button (its old name, for callers)
        self.over_button.clicked.connect(self.core.session.cancel)
        self.staff_button.clicked.connect(self.staffRequested.emit)
        self.action_button.clicked.connect(self._act)
        row.addWidget(self.over_button)
        row.addWidget(self.staff_button)
        row.addWidget(self.action_button)
        self.layout_.addLayout(row)
        self.action: Action | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Something went wrong"))
        self.over_button.setText(self.tr("Start over"))
        self.staff_button.setText(self.tr("Call staff"))
        self.enter()

    def enter(self) -> None:
        err = self.core.session.error
        if err is None:
            return
        lang = self.core.session.language
        action = advice(err.code).action
        if action in (Action.TRY_AGAIN, Action.USE_MRZ) and err.retry_step is None:
            action = Action.COUNTER  # nothing to retry here: the counter is the way on
        self.action = action
        self.message.setText(citizen_text(err.code, lang, err.tries_left))
        self.action_button.setText(action_label(action, lang))
        # one main action; "start over" is the same as going to a counter. Staff keep their
        # button (on a chip problem, to see the verdict: they cannot accept the card)
        self.over_button.setVisible(action is not Action.COUNTER)
        self.staff_button.setVisible(action is not Action.CALL_STAFF)
        if self.isVisible():
            log.info("error screen: %s", staff_detail(err.code, err.detail, err.tries_left))

    def _act(self) -> None:
        if self.action is Action.TRY_AGAIN:
            self.core.session.retry()
        elif self.action is Action.USE_MRZ:
            self.mrzRequested.emit()
        elif self.action is Action.CALL_STAFF:
            self.staffRequested.emit()
        else:
            self.core.session.cancel()  # to a counter: this citizen's visit here ends
