"""Place the card, then the read: animated guidance, and progress in words with an honest
estimate (steps, KB, time left)."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProgressBar, QWidget

from kiosk.session import Step
from ui.screens.base import Screen
from ui.widgets.read_estimate import Estimate, ReadEstimator


class CardAnimation(QWidget):
    """A card gliding down onto a reader, looping: the gesture to make, without words."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(360)
        self._phase = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _step(self) -> None:
        self._phase = (self._phase + 0.02) % 1.0
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        reader = QRectF(w * 0.3, h * 0.65, w * 0.4, h * 0.25)
        p.setBrush(QColor("#333333"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(reader, 18, 18)
        p.setPen(QPen(QColor("#1fbf4a"), 4))
        p.drawEllipse(reader.center(), reader.width() * 0.12, reader.height() * 0.25)
        drop = min(self._phase * 1.4, 1.0)
        card = QRectF(w * 0.35, h * 0.05 + drop * h * 0.5, w * 0.3, h * 0.2)
        p.setPen(QPen(QColor("#0b3d91"), 3))
        p.setBrush(QColor("#dfe8f7"))
        p.drawRoundedRect(card, 12, 12)
        p.setBrush(QColor("#c9a227"))
        p.drawRect(QRectF(card.x() + card.width() * 0.1, card.y() + card.height() * 0.35,
                          card.width() * 0.15, card.height() * 0.3))


class PlaceCardScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.animation = CardAnimation()
        self.layout_.addWidget(self.animation, 1)
        self.reader_label = self.label("subtitle")
        self.reader_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.reader_label)
        self.back_button = self.button("secondary")
        self.back_button.clicked.connect(self.core.session.cancel)
        self.layout_.addWidget(self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Place your card flat on the reader and keep it there"))
        self.back_button.setText(self.tr("Start over"))
        self._reader_text()

    def _reader_text(self) -> None:
        name = self.core.reading.readers.name()
        self.reader_label.setText(self.tr("Reader: %1").replace("%1", name) if name else
                                  self.tr("Looking for the card reader..."))

    def enter(self) -> None:
        self._reader_text()
        self.animation.start()

    def leave(self) -> None:
        self.animation.stop()


STAGES = {
    "connect": QT_TRANSLATE_NOOP("ReadingScreen", "Connecting to the card"),
    "access": QT_TRANSLATE_NOOP("ReadingScreen", "Opening the chip securely"),
    "COM": QT_TRANSLATE_NOOP("ReadingScreen", "Reading the file list"),
    "SOD": QT_TRANSLATE_NOOP("ReadingScreen", "Reading the security signature"),
    "DG1": QT_TRANSLATE_NOOP("ReadingScreen", "Reading the document data"),
    "DG2": QT_TRANSLATE_NOOP("ReadingScreen", "Reading your photo"),
    "DG13": QT_TRANSLATE_NOOP("ReadingScreen", "Reading your personal details"),
    "DG14": QT_TRANSLATE_NOOP("ReadingScreen", "Reading the chip's key"),
    "DG15": QT_TRANSLATE_NOOP("ReadingScreen", "Reading the chip's key"),
    "chip_auth": QT_TRANSLATE_NOOP("ReadingScreen", "Checking the chip is genuine"),
    "verify": QT_TRANSLATE_NOOP("ReadingScreen", "Checking the state's signature"),
    "reconnect": QT_TRANSLATE_NOOP("ReadingScreen", "The card moved: connecting again"),
}
#: An empty line that keeps its height, so the bar above does not move as the KB come and go.
BLANK = "\u00a0"
#: Any other stage the reader may report (never shown by its id).
OTHER_STAGE = QT_TRANSLATE_NOOP("ReadingScreen", "Reading your card")


class ReadingScreen(Screen):
    """The read in words: which step of how many, the KB of the file being read and the time
    left for it from the rate measured in this read (ui/widgets/read_estimate.py). The bar
    counts steps, so it never moves without the read moving. While the form is saved
    (Step.SUBMITTING) there is nothing to count: a sentence says so and the bar is hidden."""

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.estimator = ReadEstimator()
        self.stage_label = self.label("subtitle")
        self.stage_label.setObjectName("readStage")
        self.bar = QProgressBar()
        self.bar.setObjectName("readProgress")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.detail = self.label()
        self.detail.setObjectName("readDetail")
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.stage_label)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.detail)
        self.hint = self.label()
        self.layout_.addWidget(self.hint)
        self.layout_.addStretch(2)
        self.estimate: Estimate | None = None
        self.retranslate()

    def retranslate(self) -> None:
        submitting = self.core.session.step is Step.SUBMITTING
        self.title.setText(self.tr("Sending your form") if submitting
                           else self.tr("Reading your card"))
        self.hint.setText(self.tr("Please wait: your form is being saved.") if submitting
                          else self.tr("Do not move the card until the reading is finished."))
        if self.estimate is not None:
            self._show(self.estimate)

    def enter(self) -> None:
        self.estimator.reset()
        self.estimate = None
        submitting = self.core.session.step is Step.SUBMITTING
        self.bar.setVisible(not submitting)
        self.stage_label.setVisible(not submitting)
        self.detail.setText(BLANK)
        self.retranslate()
        if not submitting:
            self.set_progress(*(self.core.session.progress or ("connect", 0, 0)))

    def set_progress(self, stage: str, done: int, total: int) -> None:
        self.estimate = self.estimator.update(stage, done, total)
        self._show(self.estimate)

    def _show(self, e: Estimate) -> None:
        words = self.tr(str(STAGES.get(e.stage, OTHER_STAGE)))
        self.stage_label.setText(self.tr("Step %1 of %2: %3").replace("%1", str(e.step))
                                 .replace("%2", str(e.steps)).replace("%3", words))
        self.bar.setValue(round(e.fraction * 1000))
        if e.total < 1024:  # a few bytes: nothing worth counting
            self.detail.setText(BLANK)
            return
        amount = (self.tr("%1 of %2 KB").replace("%1", f"{e.done / 1024:.1f}")
                  .replace("%2", f"{e.total / 1024:.1f}"))
        self.detail.setText(amount if e.seconds_left is None
                            else f"{amount} · {self.time_left(e.seconds_left)}")

    def time_left(self, seconds: float) -> str:
        """"less than a second left", "about 1 second left", "about 3 seconds left"."""
        if seconds < 1.0:
            return self.tr("less than a second left")
        whole = math.ceil(seconds)
        if whole == 1:
            return self.tr("about 1 second left")
        return self.tr("about %1 seconds left").replace("%1", str(whole))
