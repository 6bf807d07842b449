"""The draft as the review screen shows it: one plain view per field, in the chosen language.

The screen renders these and sends edits back through the session (`Session.edit_field`),
which builds the draft again and re-validates it; no form logic lives in a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.forms.model import FormDraft


@dataclass(frozen=True)
class FieldView:
    key: str
    label: str
    value: str
    locked: bool  # from the chip: shown read-only
    required: bool
    error: str | None  # the field's errors in the chosen language


def field_views(draft: FormDraft | None, language: str) -> list[FieldView]:
    if draft is None:
        return []
    errors = draft.errors
    return [FieldView(key=f.key, label=f.label(language), value=f.display_value(),
                      locked=f.locked, required=f.required,
                      error=errors[f.key].message(language) if f.key in errors else None)
            for f in draft.fields]
