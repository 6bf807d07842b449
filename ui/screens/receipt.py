"""Receipt: the reference number to keep, and what became of the form, truthfully.

A confirmed form is saved (encrypted, with its outbox entry) before the reference is shown;
delivery to the office happens later, in the background. So the receipt asks the store for the
submission's delivery state (`Records.delivery_state`, on a worker) and says which it is:
saved and waiting to be sent, sent, saved but needing staff to send it, or, on a training
kiosk, a training receipt whose form is never sent. While shown it asks again every few
seconds, so "saved" turns into "sent" in front of the citizen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer

from ui.screens.base import Screen
from ui.workers import Job, run_in_pool

#: Delivery state -> (title, sentence). "unknown": the store did not answer; the form was
#: saved (the reference exists only then), so it reads as saved.
STATES = {
    "pending": (QT_TRANSLATE_NOOP("ReceiptScreen", "Your form is saved"),
                QT_TRANSLATE_NOOP("ReceiptScreen", "It will be sent to the office "
                                  "automatically.")),
    "delivered": (QT_TRANSLATE_NOOP("ReceiptScreen", "Your form has been sent"),
                  QT_TRANSLATE_NOOP("ReceiptScreen", "The office has received it.")),
    "failed": (QT_TRANSLATE_NOOP("ReceiptScreen", "Your form is saved"),
               QT_TRANSLATE_NOOP("ReceiptScreen", "It could not be sent automatically: "
                                 "staff will send it.")),
    "training": (QT_TRANSLATE_NOOP("ReceiptScreen", "Training receipt"),
                 QT_TRANSLATE_NOOP("ReceiptScreen", "This kiosk is in training mode: this "
                                   "form is never sent to any office.")),
}
POLL_MS = 3000


class ReceiptScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.reference = self.label("reference")
        self.reference.setObjectName("receiptReference")
        self.reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label = self.label("subtitle")
        self.state_label.setObjectName("receiptState")
        self.body = self.label()
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.reference)
        self.layout_.addWidget(self.state_label)
        self.layout_.addWidget(self.body)
        self.layout_.addStretch(1)
        self.done_button = self.button()
        self.done_button.setObjectName("receiptDone")
        self.done_button.clicked.connect(self.core.session.finish)
        self.layout_.addWidget(self.done_button)
        self.state = "training" if core.training else "pending"
        self._job: Job | None = None
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.timeout.connect(self._timeout)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._ask)
        self.retranslate()

    def retranslate(self) -> None:
        title, sentence = STATES.get(self.state, STATES["pending"])
        self.title.setText(self.tr(str(title)))
        self.state_label.setText(self.tr(str(sentence)))
        self.body.setText(self.tr("Keep this reference number. Counter staff will call you. "
                                  "Please take your card."))
        self.done_button.setText(self.tr("Done"))

    def enter(self) -> None:
        self.reference.setText(self.core.session.reference or "")
        self.show_state("training" if self.core.training else "pending")
        self._auto.start(int(self.core.session.idle_timeout_s * 1000))
        self._ask()
        self._poll.start()

    def leave(self) -> None:
        self._auto.stop()
        self._stop_asking()

    def wipe(self) -> None:
        self.reference.clear()
        self._stop_asking()

    def show_state(self, state: str) -> None:
        self.state = state
        self.retranslate()
        if state not in ("pending", "unknown"):
            self._poll.stop()  # sent, failed or training: it will not change while shown

    def _ask(self) -> None:
        reference = self.core.session.reference
        if reference is None or self._job is not None:
            return
        records = self.core.records
        self._job = run_in_pool(lambda _p, _c: records.delivery_state(reference),
                                on_result=self._answered, on_error=lambda _e: self._answered(None))

    def _answered(self, state: str | None) -> None:
        self._job = None
        if state in (None, "unknown"):
            return  # the store did not say: keep what the receipt says (saved, or training)
        if self.isVisible() and self.core.session.reference is not None:
            self.show_state(state)

    def _stop_asking(self) -> None:
        self._poll.stop()
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _timeout(self) -> None:
        if self.isVisible():
            self.core.session.finish()
