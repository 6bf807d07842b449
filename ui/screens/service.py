"""Choose the public service whose form the kiosk will pre-fill."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QScroller

from ui.screens.base import Screen


class ServiceScreen(Screen):
    chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.list = QListWidget()
        self.list.setObjectName("serviceList")
        self.list.setWordWrap(True)
        QScroller.grabGesture(self.list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self._next())
        self.layout_.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.back_button = self.button("secondary")
        self.next_button = self.button()
        self.next_button.setObjectName("serviceNext")
        self.back_button.clicked.connect(self.cancelled.emit)
        self.next_button.clicked.connect(self._next)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        self.layout_.addLayout(row)
        self.retranslate()

    def enter(self) -> None:
        self.list.clearSelection()
        self.next_button.setEnabled(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Which service do you need?"))
        self.back_button.setText(self.tr("Start over"))
        self.next_button.setText(self.tr("Next"))
        self.list.clear()
        lang = self.core.session.language
        for info in self.core.list_services():
            item = QListWidgetItem(info.name(lang))
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            self.list.addItem(item)

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return
        raise KeyError(code)

    def _selection_changed(self) -> None:
        self.core.session.touch()
        self.next_button.setEnabled(bool(self.list.selectedItems()))

    def _next(self) -> None:
        items = self.list.selectedItems()
        if items:
            self.chosen.emit(items[0].data(Qt.ItemDataRole.UserRole))
