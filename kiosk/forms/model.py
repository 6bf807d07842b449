"""Forms as data: a service's definition, and a pre-filled draft with a source per field.

Definitions are loaded from services/*.json (catalog.py); drafts are built by prefill.py. All
values are frozen. A draft holds personal data, so its repr shows only counts and codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

#: Field types and what they accept (validate.py).
FIELD_TYPES = frozenset({
    "text", "longtext", "date", "partial_date", "year", "sex", "id12", "id9", "phone",
    "email", "address", "choice", "integer",
})

#: Where a value came from, in a draft. The first four mirror kiosk.identity.Source.
DRAFT_SOURCES = ("chip_dg13", "chip_dg1", "qr_unverified", "citizen", "kiosk", "missing")


@dataclass(frozen=True)
class FieldSpec:
    id: str
    label_vi: str
    label_en: str
    type: str
    source: str  # "identity.<attr>", "second.<attr>", "woman.<attr>", ..., "citizen", "kiosk.<key>"
    required: bool = False
    section: int = 0
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    not_future: bool = False
    default: str | None = None
    sensitive: bool = False  # ethnicity, religion: sensitive data (Decree 13/2023 Đ2 k4)
    note_vi: str | None = None
    note_en: str | None = None

    @property
    def party(self) -> str | None:
        """"identity", "second", "woman", "man", "mother", "father" or None (citizen/kiosk)."""
        head = self.source.split(".", 1)[0]
        return None if head in ("citizen", "kiosk") else head

    @property
    def attr(self) -> str | None:
        return self.source.split(".", 1)[1] if "." in self.source else None


@dataclass(frozen=True)
class Section:
    title_vi: str
    title_en: str


@dataclass(frozen=True)
class Signature:
    title_vi: str
    title_en: str
    name_source: str | None  # e.g. "identity.full_name"


@dataclass(frozen=True)
class SecondParty:
    role: str  # "other_parent", "spouse", "deceased"
    label_vi: str
    label_en: str
    required: bool


@dataclass(frozen=True)
class Service:
    """One of the 25 essential services (Đề án 06) and its form."""

    code: str
    number: int
    name_vi: str
    name_en: str
    procedure_codes: tuple[str, ...]
    form_code: str | None  # None: no legal form code was found; never invented
    form_title_vi: str
    form_title_en: str
    legal_basis: str
    form_corner_vi: str  # top-right text: issuing act, or why the form has no legal code
    research_status: str  # V / P / M / NF, from docs/domain/VN_SERVICES.md
    field_list_status: str
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    fields: tuple[FieldSpec, ...]
    signatures: tuple[Signature, ...]
    second_party: SecondParty | None = None

    def field(self, field_id: str) -> FieldSpec:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)


@dataclass(frozen=True)
class FieldError:
    """A validation problem, for the citizen (Vietnamese) and staff (English)."""

    code: str
    vi: str
    en: str

    def message(self, language: str = "vi") -> str:
        return self.en if language == "en" else self.vi


class FieldErrors(tuple):
    """A field's errors (a tuple) that can also speak as one message, for a form view."""

    def message(self, language: str = "vi") -> str:
        return " ".join(e.message(language) for e in self)


#: Sources whose value the chip vouches for: shown read-only (corrections go through staff).
CHIP_SOURCES = frozenset({"chip_dg13", "chip_dg1"})


@dataclass(frozen=True, repr=False)
class DraftField:
    spec: FieldSpec
    value: str | None
    source: str  # one of DRAFT_SOURCES
    errors: tuple[FieldError, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "converted_2025", "chip_spouse_present"
    choices: tuple[str, ...] = ()  # for a split commune: the new communes to choose from
    iso: str | None = None  # dates: ISO 8601 (reduced precision for partial dates)

    @property
    def id(self) -> str:
        return self.spec.id

    # --- view helpers for the UI -----------------------------------------------------------
    @property
    def key(self) -> str:
        return self.spec.id

    @property
    def required(self) -> bool:
        return self.spec.required

    @property
    def locked(self) -> bool:
        """Read from the chip: the citizen confirms it; staff correct it through `extra`."""
        return self.source in CHIP_SOURCES

    def label(self, language: str = "vi") -> str:
        return self.spec.label_en if language == "en" else self.spec.label_vi

    def display_value(self) -> str:
        return self.value or ""

    def __repr__(self) -> str:
        return (f"DraftField(id={self.spec.id!r}, source={self.source!r}, "
                f"errors={[e.code for e in self.errors]}, value masked)")


@dataclass(frozen=True, repr=False)
class FormDraft:
    service: Service
    fields: tuple[DraftField, ...]
    created: date
    kiosk: Mapping[str, str] = field(default_factory=dict)
    pa_passed: bool = False
    second_pa_passed: bool | None = None
    form_errors: tuple[FieldError, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.form_errors and not any(f.errors for f in self.fields)

    @property
    def errors(self) -> dict[str, FieldErrors]:
        """Field id -> its errors (a tuple with `.message(language)`), only fields with some."""
        return {f.id: FieldErrors(f.errors) for f in self.fields if f.errors}

    def get(self, field_id: str) -> DraftField:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def value(self, field_id: str) -> str | None:
        return self.get(field_id).value

    def __repr__(self) -> str:
        return (f"FormDraft(service={self.service.code!r}, fields={len(self.fields)}, "
                f"errors={sorted(self.errors)}, pa_passed={self.pa_passed}, values masked)")

    __str__ = __repr__
