"""Open the card without typing: show the card's QR code to the camera, or tap the CAN.

Two ways side by side: the live camera decodes the QR code (or, as a fallback, the MRZ on the
back of the card), and a keypad takes the 6-digit CAN printed on the card. Decoding
(kiosk.capture.keys) runs on a worker on the newest frame, one at a time, so the preview never
stutters. Scanning is how this screen reads its input, like the keypad: it is not work of the
session (the key it finds goes to `Session.set_access_key`, which decides what follows).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

from kiosk.capture.keys import decode_mrz, decode_qr, key_from_can
from ui.screens.base import Screen
from ui.widgets.camera_view import CameraView
from ui.widgets.keypad import Keypad
from ui.workers import run_in_pool


class AccessKeyScreen(Screen):
    keyReady = Signal(object, object)  # (AccessKey, QrCapture or None)
    cancelled = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        # side by side in landscape, camera above the keypad in portrait (set_portrait); in
        # landscape "Start over" sits under the camera, leaving the keypad its full height
        self.body = body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.left = left = QVBoxLayout()
        self.camera_hint = self.label("subtitle")
        self.camera = CameraView()
        self.camera.setObjectName("accessCamera")
        self.mode_button = self.button("secondary")
        self.mode_button.setObjectName("mrzMode")
        self.mode_button.clicked.connect(self.toggle_mode)
        left.addWidget(self.camera_hint)
        left.addWidget(self.camera, 1)
        left.addWidget(self.mode_button)
        right = QVBoxLayout()
        self.keypad_hint = self.label("subtitle")
        self.keypad = Keypad(6)
        self.keypad.setObjectName("canKeypad")
        self.keypad.submitted.connect(self._can_entered)
        self.keypad.changed.connect(lambda _v: self.core.session.touch())
        self.error_label = self.label("error")
        self.error_label.setVisible(False)  # takes room only with something to say
        right.addWidget(self.keypad_hint)
        right.addWidget(self.keypad)
        right.addWidget(self.error_label)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        self.layout_.addLayout(body, 1)
        self.back_button = self.button("secondary")
        self.back_button.clicked.connect(self.cancelled.emit)
        self.left.addWidget(self.back_button)
        self.mode = "qr"
        self.next_mode = "qr"  # "mrz" after a blocked CAN (the error screen's MRZ route)
        self._job = None
        self._scan_timer = QTimer(self)
        self._scan_timer.setInterval(250)
        self._scan_timer.timeout.connect(self._scan)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Show the QR code on your card, or type the CAN"))
        self.keypad_hint.setText(self.tr("CAN: the last 6 digits of your 12-digit ID number"))
        self.back_button.setText(self.tr("Start over"))
        self._mode_texts()

    def _mode_texts(self) -> None:
        if self.mode == "qr":
            self.camera_hint.setText(self.tr("Hold the QR code of your card in front of the camera"))
            self.mode_button.setText(self.tr("No QR code? Read the MRZ"))
        else:
            self.camera_hint.setText(self.tr("Hold the back of your card (3 lines of letters) to the camera"))
            self.mode_button.setText(self.tr("Read the QR code"))

    def set_portrait(self, portrait: bool) -> None:
        direction = (QBoxLayout.Direction.TopToBottom if portrait
                     else QBoxLayout.Direction.LeftToRight)
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            src, dst = (self.left, self.layout_) if portrait else (self.layout_, self.left)
            src.removeWidget(self.back_button)
            dst.addWidget(self.back_button)
            self.layout_.activate()
            self.updateGeometry()  # the stack caches this page's minimum size

    def use_mrz_next(self) -> None:
        """Open in MRZ mode next time: the card blocked its CAN, the MRZ still opens it."""
        self.next_mode = "mrz"

    def toggle_mode(self) -> None:
        self.mode = "mrz" if self.mode == "qr" else "qr"
        self._mode_texts()

    def enter(self) -> None:
        self.keypad.clear()
        self.show_error("")
        self.mode, self.next_mode = self.next_mode, "qr"
        self._mode_texts()
        if self.mode == "mrz":
            self.show_error(self.tr("Your card has locked its CAN: show the back of the card "
                                    "to the camera instead."))
        camera = self.core.camera()
        if camera is not None:
            self.camera.start(camera.latest)
            self._scan_timer.start()
        else:
            self.camera_hint.setText(self.tr("No camera: please type the CAN"))

    def leave(self) -> None:
        self._scan_timer.stop()
        self.camera.stop()
        self.camera.clear()
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def wipe(self) -> None:
        self.next_mode = "qr"
        self.keypad.clear()
        self.camera.clear()
        self.show_error("")

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _can_entered(self, can: str) -> None:
        try:
            key = key_from_can(can)
        except ValueError:
            self.show_error(self.tr("The CAN must be 6 digits"))
            return
        self.keyReady.emit(key, None)

    def _scan(self) -> None:
        if self._job is not None:
            return
        camera = self.core.camera()
        frame = camera.latest() if camera else None
        if frame is None:
            return
        decode = decode_qr if self.mode == "qr" else decode_mrz
        self._job = run_in_pool(lambda _p, _c: decode(frame), on_result=self._decoded,
                                on_error=self._decode_error)

    def _decoded(self, outcome) -> None:
        self._job = None
        if outcome is None:
            return
        key, capture = outcome
        self.keyReady.emit(key, capture)

    def _decode_error(self, _exc) -> None:
        self._job = None
