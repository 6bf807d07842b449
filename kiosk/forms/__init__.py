"""The 25 essential public services (Đề án 06) as data, pre-filled from the chip.

Public API (the UI and the store call these)::

    load_services() -> tuple[Service, ...]          get_service(code_or_number) -> Service
    prefill(service, identity, extra=None, *, second_identity=None, kiosk=None, today=None)
        -> FormDraft
    render_pdf(draft, path=None) -> bytes           draft_to_json(draft) -> dict (schema v1)
    write_json(draft, path) -> dict                 print_with_qt(pdf, printer=None) -> pages
    print_pdf(pdf, *, printer="", pdf_dir=None) -> str (where it went)
    list_services() (= load_services), to_json(draft) (= draft_to_json)
"""

from kiosk.forms.catalog import ServiceDefinitionError, get_service, load_services
from kiosk.forms.export import SCHEMA_VERSION, FormJsonInvalid, draft_to_json, write_json
from kiosk.forms.model import DraftField, FieldError, FieldErrors, FieldSpec, FormDraft, Service
from kiosk.forms.prefill import UnknownFieldError, prefill

list_services = load_services
to_json = draft_to_json


def render_pdf(draft: FormDraft, path=None) -> bytes:
    from kiosk.forms.pdf import render_pdf as _render

    return _render(draft, path)


def print_with_qt(pdf: bytes, printer=None) -> int:
    from kiosk.forms.printing import print_with_qt as _print

    return _print(pdf, printer)


def print_pdf(pdf: bytes, *, printer: str = "", pdf_dir=None) -> str:
    from kiosk.forms.printing import print_pdf as _print

    return _print(pdf, printer=printer, pdf_dir=pdf_dir)


__all__ = [
    "SCHEMA_VERSION", "DraftField", "FieldError", "FieldErrors", "FieldSpec", "FormDraft", "FormJsonInvalid",
    "Service", "ServiceDefinitionError", "UnknownFieldError", "draft_to_json", "get_service",
    "list_services", "load_services", "prefill", "print_pdf", "print_with_qt", "render_pdf",
    "to_json", "write_json",
]
