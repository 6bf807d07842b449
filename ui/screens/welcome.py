"""Welcome: choose Vietnamese or English. Always bilingual, whatever the last language was."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout

from ui.screens.base import Screen


class WelcomeScreen(Screen):
    languageChosen = Signal(str)
    staffRequested = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        # the title on its own line under the switches, centred on the page (beside them it
        # would be centred in what they leave, off the middle)
        self.header.removeWidget(self.title)
        self.layout_.addWidget(self.title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setText("Xin chào · Welcome")
        self.subtitle = self.label("subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setText(
            "Dùng thẻ căn cước gắn chip để điền sẵn hồ sơ dịch vụ công\n"
            "Use your chip ID card to pre-fill a public-service form"
        )
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.subtitle)
        row = QHBoxLayout()
        self.vi_button = self.button()
        self.vi_button.setText("Tiếng Việt")
        self.vi_button.setObjectName("langVi")
        self.en_button = self.button("secondary")
        self.en_button.setText("English")
        self.en_button.setObjectName("langEn")
        self.vi_button.clicked.connect(lambda: self.languageChosen.emit("vi"))
        self.en_button.clicked.connect(lambda: self.languageChosen.emit("en"))
        row.addWidget(self.vi_button)
        row.addWidget(self.en_button)
        self.layout_.addLayout(row)
        self.layout_.addStretch(2)
        self.notice = self.label("error")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.notice)
        self.staff_button = self.button("secondary")
        self.staff_button.setText("Cán bộ · Staff")
        self.staff_button.setObjectName("staffLogin")
        self.staff_button.clicked.connect(self.staffRequested.emit)
        self.layout_.addWidget(self.staff_button, alignment=Qt.AlignmentFlag.AlignRight)

    def show_notice(self, text: str) -> None:
        """A line such as "Your data was cleared" after an idle reset (not personal)."""
        self.notice.setText(text)
