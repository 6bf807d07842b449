"""Place the card, then the read: animated guidance, and progress in bytes and steps."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProgressBar, QWidget

from ui.screens.base import Screen


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
}


class ReadingScreen(Screen):
    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.stage_label = self.label("subtitle")
        self.bar = QProgressBar()
        self.bar.setObjectName("readProgress")
        self.bar.setRange(0, 0)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.stage_label)
        self.layout_.addWidget(self.bar)
        self.hint = self.label()
        self.layout_.addWidget(self.hint)
        self.layout_.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reading your card"))
        self.hint.setText(self.tr("Do not move the card. This takes a few seconds."))

    def enter(self) -> None:
        self.bar.setRange(0, 0)
        self.stage_label.setText(self.tr(str(STAGES["connect"])))

    def set_progress(self, stage: str, done: int, total: int) -> None:
        text = STAGES.get(stage)
        self.stage_label.setText(self.tr(str(text)) if text else stage)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(self.tr("%1 of %2 KB").replace("%1", f"{done / 1024:.1f}")
                               .replace("%2", f"{total / 1024:.1f}"))
        else:
            self.bar.setRange(0, 0)
