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
    sensitive: bool = False  # ethnicity, religion: sensitive data (Decree 356/2025 Art. 4)
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
    """The pre-parties summary of a service's other person (`forms list --json`
    `.second_party`, kept for scripts); `Service.parties` has the details."""

    role: str  # "other_parent", "spouse", "deceased", "household_head"
    label_vi: str
    label_en: str
    required: bool


#: How a party's chip card figures in the flow (docs/forms.md "Parties").
CARD_POLICIES = ("required", "optional", "none")
#: The roles a service may declare; "declarant" is the person who files (always first).
PARTY_ROLES = ("declarant", "spouse", "mother", "father", "child", "deceased", "household_head")
_LEGACY_ROLES = {"spouse": "spouse", "mother": "other_parent", "father": "other_parent",
                 "deceased": "deceased", "household_head": "household_head"}


@dataclass(frozen=True)
class PartySpec:
    """One person on a service's form: how the kiosk identifies them and what they fill.

    card: "required" (their chip is read), "optional" (read, or their ID number typed
    instead), "none" (no chip read is possible: the number is typed, e.g. the deceased).
    face: a face check applies (only to a person present, so only with a card read).
    needed: the flow cannot go on without them (read or typed); else they may be skipped.
    sex: the card (or typed number) must say this sex (a mother is "Nữ").
    declarant_may_be: the declarant may say "that's me" (a mother registering her child).
    by_sex: aliases this party's card also fills by the sex on it (marriage: woman / man).
    """

    role: str
    label_vi: str
    label_en: str
    card_vi: str  # the prompt's header: whose card is expected ("Thẻ của vợ/chồng")
    card_en: str
    card: str
    face: bool
    needed: bool
    sex: str | None = None
    declarant_may_be: bool = False
    by_sex: Mapping[str, str] = field(default_factory=dict)
    fields: tuple[str, ...] = ()  # ids of the form fields that describe this person
    id_field: str | None = None  # the field its typed ID number goes to ("<source>.id_number")

    @property
    def source(self) -> str:
        """The prefix of field sources this party fills ("identity" for the declarant)."""
        return "identity" if self.role == "declarant" else self.role

    @property
    def is_declarant(self) -> bool:
        return self.role == "declarant"

    @property
    def id_entry(self) -> bool:
        """May the ID number be typed on the keypad (instead of a card, or without one)?"""
        return self.card != "required" and self.id_field is not None

    @property
    def asks(self) -> bool:
        """Does the flow stop for this party (a card to read or a number to type)?"""
        return not self.is_declarant and (self.card != "none" or self.id_entry)

    def label(self, language: str = "vi") -> str:
        return self.label_en if language == "en" else self.label_vi

    def card_label(self, language: str = "vi") -> str:
        return self.card_en if language == "en" else self.card_vi


@dataclass(frozen=True, repr=False)
class TypedId:
    """A party identified only by the ID number typed on the keypad (no card read)."""

    id_number: str

    def __repr__(self) -> str:
        return "TypedId(value masked)"


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
    parties: tuple[PartySpec, ...] = ()  # the declarant first, then the others in flow order

    def field(self, field_id: str) -> FieldSpec:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def party(self, role: str) -> PartySpec:
        for p in self.parties:
            if p.role == role:
                return p
        raise KeyError(role)

    def fields_of(self, role: str, sex: str | None = None) -> tuple[str, ...]:
        """The ids of the fields that describe one party; where the party fills columns by
        sex (marriage: "woman_*" or "man_*"), only those of the column its `sex` picks."""
        spec = self.party(role)
        if not spec.by_sex:
            return spec.fields
        alias = spec.by_sex.get(sex or "")
        heads = {f.id: f.party for f in self.fields}
        return tuple(fid for fid in spec.fields if heads.get(fid) in (alias, spec.source))

    @property
    def others(self) -> tuple[PartySpec, ...]:
        """The parties besides the declarant."""
        return tuple(p for p in self.parties if not p.is_declarant)

    @property
    def second_party(self) -> SecondParty | None:
        """The first other party that is read or typed, in the pre-parties terms."""
        for p in self.others:
            if p.asks:
                needed = any(q.needed for q in self.others if q.asks)
                return SecondParty(_LEGACY_ROLES.get(p.role, p.role), p.label_vi, p.label_en,
                                   needed)
        return None


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
    #: Problems that do not block the form but ask for a second look (an ID number whose
    #: first digits are no province code); their codes are also in `notes`.
    warnings: tuple[FieldError, ...] = ()

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


@dataclass(frozen=True)
class PartyRecord:
    """How one party of a draft was identified (no personal data): for the back office."""

    role: str
    input: str  # "card" (chip read), "typed" (ID number typed), "declarant", "none"
    pa_passed: bool | None = None  # passive authentication of its card; None without one


@dataclass(frozen=True, repr=False)
class FormDraft:
    service: Service
    fields: tuple[DraftField, ...]
    created: date
    kiosk: Mapping[str, str] = field(default_factory=dict)
    pa_passed: bool = False
    second_pa_passed: bool | None = None
    form_errors: tuple[FieldError, ...] = ()
    parties: tuple[PartyRecord, ...] = ()  # the other parties, in the service's order

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
