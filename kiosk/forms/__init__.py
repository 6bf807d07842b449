"""The 25 essential public services (Đề án 06) as data, pre-filled from the chip.

Public API (the UI and the store call these)::

    load_services() -> tuple[Service, ...]          get_service(code_or_number) -> Service
    prefill(service, identity, extra=None, *, parties=None, second_identity=None, kiosk=None,
            today=None) -> FormDraft
    render_pdf(draft, path=None) -> bytes           draft_to_json(draft) -> dict (schema v1)
    write_json(draft, path) -> dict
    print_pdf(pdf, *, printer="", pdf_dir=None, paint=None) -> str (where it went; `paint` is
        the UI's Qt page painter, ui/printing.py)
    field_views(draft, language) -> list[FieldView]  (the review screen's rows)
    form_messages(draft, language) -> list[str]      (form-level errors, each saying what to do)
    Service.parties -> PartySpec per person on the form (kiosk/forms/parties.py); prefill's
        parties= takes an Identity, a TypedId or "declarant" per other party (people.py)
    list_services() (= load_services), to_json(draft) (= draft_to_json)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.forms.catalog import ServiceDefinitionError, get_service, load_services
from kiosk.forms.export import SCHEMA_VERSION, FormJsonInvalid, draft_to_json, write_json
from kiosk.forms.model import (
    DraftField,
    FieldError,
    FieldErrors,
    FieldSpec,
    FormDraft,
    PartySpec,
    Service,
    TypedId,
)
from kiosk.forms.prefill import UnknownFieldError, prefill
from kiosk.forms.views import FieldView, field_views, form_messages

if TYPE_CHECKING:
    from kiosk.forms.printing import PaintPages

list_services = load_services
to_json = draft_to_json


def render_pdf(draft: FormDraft, path: str | Path | None = None) -> bytes:
    # reportlab loads with the first PDF, not with kiosk.forms
    from kiosk.forms.pdf import render_pdf as _render

    return _render(draft, path)


def print_pdf(pdf: bytes, *, printer: str = "", pdf_dir: str | Path | None = None,
              paint: PaintPages | None = None) -> str:
    # printing (and its subprocess and platformdirs) loads with the first print
    from kiosk.forms.printing import print_pdf as _print

    return _print(pdf, printer=printer, pdf_dir=pdf_dir, paint=paint)


__all__ = [
    "SCHEMA_VERSION", "DraftField", "FieldError", "FieldErrors", "FieldSpec", "FieldView",
    "FormDraft", "FormJsonInvalid", "PartySpec", "Service", "ServiceDefinitionError",
    "TypedId", "UnknownFieldError", "draft_to_json", "field_views", "form_messages",
    "get_service", "list_services", "load_services", "prefill", "print_pdf", "render_pdf",
    "to_json", "write_json",
]
