"""Review the pre-filled form: chip fields locked, citizen fields editable on screen.

Fields come from kiosk.forms.field_views as plain views (label, value, locked, error, section,
warning); edits go back to the session (`Session.edit_field`), which builds the draft again and
re-validates it. Form-level problems (kiosk.forms.form_messages: a card still missing, two
cards of the same sex on a marriage form ...) are shown above the form in words that say what
to do, and keep "Confirm" disabled. Two-person forms repeat labels for each person, so each
section's title (Bên nữ, Bên nam, Mẹ, Cha ...) heads its rows. The on-screen keyboard types
Vietnamese into the focused field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScroller,
    QWidget,
)

from kiosk.forms import FieldView, field_views, form_messages
from kiosk.session import Step
from ui.screens.base import Screen
from ui.widgets.keyboard import VietnameseKeyboard


class ReviewScreen(Screen):
    confirmed = Signal(bool)  # print a copy too

    def __init__(self, core, parent=None):
        super().__init__(core, parent)
        self.subtitle = self.label("subtitle")
        self.layout_.addWidget(self.subtitle)
        self.form_errors = self.label("error")
        self.form_errors.setObjectName("formErrors")
        self.form_errors.setVisible(False)
        self.layout_.addWidget(self.form_errors)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        QScroller.grabGesture(self.form_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.layout_.addWidget(self.form_area, 1)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.setVisible(False)
        self.keyboard.done.connect(lambda: self.keyboard.setVisible(False))
        self.layout_.addWidget(self.keyboard)
        row = QHBoxLayout()
        self.cancel_button = self.button("secondary")
        self.cancel_button.clicked.connect(self.core.session.cancel)
        self.print_box = QCheckBox()
        self.print_box.setStyleSheet("font-size: 28px;")
        self.confirm_button = self.button()
        self.confirm_button.setObjectName("confirmForm")
        self.confirm_button.clicked.connect(lambda: self.confirmed.emit(self.print_box.isChecked()))
        row.addWidget(self.cancel_button)
        row.addWidget(self.print_box)
        row.addWidget(self.confirm_button)
        self.layout_.addLayout(row)
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.warnings: dict[str, QLabel] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Check your form"))
        self.subtitle.setText(self.tr("Grey fields come from your chip and cannot be changed. "
                                      "Tap a white field to fill it in."))
        self.cancel_button.setText(self.tr("Start over"))
        self.print_box.setText(self.tr("Also print a copy"))
        self.confirm_button.setText(self.tr("Confirm and send"))
        if self.core.session.personal.draft is not None:
            self.show_form()

    def enter(self) -> None:
        self.show_form()

    def show_form(self) -> None:
        holder = QWidget()
        form = QFormLayout(holder)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.edits.clear()
        self.errors.clear()
        self.warnings.clear()
        section = None
        for view in self._views():
            if view.section and view.section != section:
                section = view.section
                heading = QLabel(section)
                heading.setProperty("role", "subtitle")
                heading.setObjectName("formSection")
                form.addRow(heading)
            edit = QLineEdit(view.value)
            edit.setCursorPosition(0)  # a long address shows its start, not its end
            edit.setObjectName(f"field_{view.key}")
            edit.setReadOnly(view.locked)
            edit.setProperty("locked", "true" if view.locked else "false")
            edit.setProperty("invalid", "true" if view.error else "false")
            edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            if not view.locked:
                edit.editingFinished.connect(lambda k=view.key, e=edit: self._edited(k, e.text()))
                edit.textEdited.connect(lambda _t: self.core.session.touch())
                edit.installEventFilter(self)
            # not colour alone: locked fields also say where they come from
            label = view.label + (" *" if view.required else "") + \
                (" " + self.tr("(from the chip)") if view.locked else "")
            form.addRow(label, edit)
            err = QLabel(view.error or "")
            err.setProperty("role", "error")
            err.setVisible(bool(view.error))
            form.addRow(err)
            warn = QLabel(view.warning or "")
            warn.setProperty("role", "subtitle")
            warn.setVisible(bool(view.warning))
            form.addRow(warn)
            self.edits[view.key] = edit
            self.errors[view.key] = err
            self.warnings[view.key] = warn
        self.form_area.setWidget(holder)
        self._show_form_errors()
        self.confirm_button.setEnabled(self._valid())

    def _show_form_errors(self) -> None:
        session = self.core.session
        messages = form_messages(session.personal.draft, session.language)
        self.form_errors.setText("\n".join(messages))
        self.form_errors.setVisible(bool(messages))

    def _views(self) -> list[FieldView]:
        session = self.core.session
        return field_views(session.personal.draft, session.language)

    def _valid(self) -> bool:
        draft = self.core.session.personal.draft
        return draft is not None and draft.valid

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        # a tap (not a programmatic focus) opens the keyboard, like a phone
        if event.type() == event.Type.MouseButtonPress and isinstance(obj, QLineEdit):
            self.keyboard.target = obj
            self.keyboard.setVisible(True)
        return False

    def _edited(self, key: str, value: str) -> None:
        if self.core.session.step is not Step.REVIEW:
            return  # a field losing focus as the page is left: nothing to edit any more
        self.core.session.edit_field(key, value)
        for view in self._views():
            if view.key in self.errors:
                self.errors[view.key].setText(view.error or "")
                self.errors[view.key].setVisible(bool(view.error))
                self.warnings[view.key].setText(view.warning or "")
                self.warnings[view.key].setVisible(bool(view.warning))
                self.edits[view.key].setProperty("invalid", "true" if view.error else "false")
                self.edits[view.key].style().polish(self.edits[view.key])
        self._show_form_errors()
        self.confirm_button.setEnabled(self._valid())

    def wipe(self) -> None:
        self.edits.clear()
        self.errors.clear()
        self.warnings.clear()
        self.form_errors.clear()
        self.form_errors.setVisible(False)
        self.keyboard.target = None
        self.keyboard.setVisible(False)
        old = self.form_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.print_box.setChecked(False)
