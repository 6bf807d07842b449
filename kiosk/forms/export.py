"""The back-office JSON of a draft, checked against the shipped, versioned JSON Schema.

schema/form-draft.v1.schema.json is the contract with the back office. Every document is
validated before it leaves the kiosk, so a change here that breaks the contract fails in tests
and at the counter rather than in someone else's system.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kiosk.forms.model import FieldError, FormDraft

SCHEMA_ID = "kiosk.form-draft"
SCHEMA_VERSION = "1.1.0"  # 1.1: verification.parties
SCHEMA_FILE = "schema/form-draft.v1.schema.json"


class FormJsonInvalid(ValueError):
    """The document does not match the schema (a bug: the message names the path, no values)."""


def _error(e: FieldError) -> dict[str, str]:
    return {"code": e.code, "vi": e.vi, "en": e.en}


def draft_to_json(draft: FormDraft) -> dict[str, Any]:
    svc = draft.service
    doc = {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "service": {
            "code": svc.code, "number": svc.number, "name_vi": svc.name_vi,
            "name_en": svc.name_en, "procedure_codes": list(svc.procedure_codes),
            "form_code": svc.form_code, "form_title_vi": svc.form_title_vi,
            "legal_basis": svc.legal_basis,
        },
        "created": draft.created.isoformat(),
        "kiosk": dict(draft.kiosk),
        "verification": {"pa_passed": draft.pa_passed,
                         "second_pa_passed": draft.second_pa_passed,
                         "parties": [{"role": p.role, "input": p.input, "pa_passed": p.pa_passed}
                                     for p in draft.parties]},
        "valid": draft.valid,
        "form_errors": [_error(e) for e in draft.form_errors],
        "fields": [{
            "id": f.id, "section": f.spec.section, "label_vi": f.spec.label_vi,
            "label_en": f.spec.label_en, "type": f.spec.type, "value": f.value, "iso": f.iso,
            "source": f.source, "required": f.spec.required, "sensitive": f.spec.sensitive,
            "notes": list(f.notes), "choices": list(f.choices),
            "errors": [_error(e) for e in f.errors],
        } for f in draft.fields],
    }
    validate_json(doc)
    return doc


@lru_cache(maxsize=1)
def form_schema() -> dict[str, Any]:
    return json.loads(resources.files("kiosk.forms").joinpath(SCHEMA_FILE).read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    # jsonschema loads with the first export checked, not with kiosk.forms
    from jsonschema import Draft202012Validator

    return Draft202012Validator(form_schema())


def validate_json(doc: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].path) or "(root)"
        raise FormJsonInvalid(f"form JSON does not match {SCHEMA_FILE} at {where} "
                              f"({errors[0].validator})")


def write_json(draft: FormDraft, path: str | Path) -> dict[str, Any]:
    doc = draft_to_json(draft)
    Path(path).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return doc
