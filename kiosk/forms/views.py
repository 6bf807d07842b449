"""The draft as the review screen shows it: one plain view per field, in the chosen language.

The screen renders these and sends edits back through the session (`Session.edit_field`),
which builds the draft again and re-validates it; no form logic lives in a widget. Form-level
problems (a card still missing, two cards of the same sex on a marriage form ...) come as
sentences that say what to do (`form_messages`).
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
    section: str = ""  # the form section's title: two-person forms repeat labels per person
    warning: str | None = None  # asks for a second look without blocking the form


def field_views(draft: FormDraft | None, language: str) -> list[FieldView]:
    if draft is None:
        return []
    errors = draft.errors
    sections = draft.service.sections
    out = []
    for f in draft.fields:
        section = sections[f.spec.section] if f.spec.section < len(sections) else None
        title = "" if section is None else (
            section.title_en if language == "en" else section.title_vi)
        warning = " ".join(w.message(language) for w in f.warnings) or None
        out.append(FieldView(key=f.key, label=f.label(language), value=f.display_value(),
                             locked=f.locked, required=f.required,
                             error=errors[f.key].message(language) if f.key in errors else None,
                             section=title, warning=warning))
    return out


def form_messages(draft: FormDraft | None, language: str) -> list[str]:
    """The draft's form-level errors as sentences in `language`, each saying what to do."""
    if draft is None:
        return []
    return [e.message(language) for e in draft.form_errors]
