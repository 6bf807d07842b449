"""Load the 25 services from services/*.json and the shared field catalogue fields.json.

A service lists its fields by reference to the catalogue ("ho_ten") or as objects that refine a
reference ({"ref": "ho_ten", "label_vi": "Tên chủ xe"}) or define a field outright. Loading
checks every definition, so a broken data file fails at start-up with the file and field named,
not at the counter in front of a citizen. One rule is enforced here rather than trusted to data:
quê quán (DG13 field 8) never fills nơi sinh or nơi đăng ký khai sinh (they are different legal
facts: Luật Hộ tịch 2014 Đ4, Đ16; VN_SERVICES.md "Cross-cutting pre-fill cautions").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from kiosk.forms.model import FIELD_TYPES, FieldSpec, Section, Service, Signature
from kiosk.forms.parties import attach_fields, load_parties, party_heads

#: Identity attributes a field may take its value from (kiosk.identity.Identity).
IDENTITY_ATTRS = frozenset({
    "full_name", "ho", "chu_dem_va_ten", "date_of_birth", "birth_year", "sex", "nationality",
    "ethnicity", "religion", "place_of_origin", "residence", "id_number", "old_id_number",
    "date_of_issue", "date_of_expiry", "father", "mother", "spouse",
})
KIOSK_KEYS = frozenset({"agency", "place", "today"})
#: Fields that are legally distinct from quê quán and must never be filled from it.
NOT_FROM_ORIGIN = ("noi_sinh", "noi_dang_ky_khai_sinh")
_FIELD_KEYS = {"id", "ref", "label_vi", "label_en", "type", "source", "required", "choices",
               "max_length", "minimum", "maximum", "not_future", "default", "sensitive",
               "note_vi", "note_en"}
_SERVICE_KEYS = {"$schema", "code", "number", "name_vi", "name_en", "procedure_codes", "form",
                 "research_status", "field_list_status", "notes", "parties", "sections",
                 "signatures"}


class ServiceDefinitionError(ValueError):
    """A service data file is inconsistent (a packaging bug: call a technician)."""


def _read(name: str) -> Any:
    return json.loads(resources.files("kiosk.forms").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)  # public reference data, not personal data
def field_catalogue() -> Mapping[str, Mapping[str, Any]]:
    return _read("fields.json")["fields"]


@lru_cache(maxsize=1)
def load_services() -> tuple[Service, ...]:
    """All services, ordered by their number (1-25 in Đề án 06's list)."""
    base = resources.files("kiosk.forms").joinpath("services")
    services = []
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            doc = json.loads(entry.read_text("utf-8"))
            services.append(_service(doc, entry.name))
    services.sort(key=lambda s: s.number)
    codes = [s.code for s in services]
    if len(set(codes)) != len(codes):
        raise ServiceDefinitionError("two service files share a code")
    return tuple(services)


def get_service(code_or_number: str | int) -> Service:
    """A service by code ("dang-ky-thuong-tru") or number (7)."""
    for s in load_services():
        if s.code == code_or_number or str(s.number) == str(code_or_number):
            return s
    raise KeyError(f"no service {code_or_number!r}; `kiosk forms list` shows the codes")


def _service(doc: Mapping[str, Any], filename: str) -> Service:
    def bad(msg: str) -> ServiceDefinitionError:
        return ServiceDefinitionError(f"{filename}: {msg}")

    extra = set(doc) - _SERVICE_KEYS
    if extra:
        raise bad(f"unknown keys {sorted(extra)}")
    form = doc["form"]
    if "parties" not in doc:
        raise bad("no parties: every service declares at least its declarant")
    parties = load_parties(doc["parties"], bad)
    heads = party_heads(parties)
    sections: list[Section] = []
    fields: list[FieldSpec] = []
    for index, sec in enumerate(doc["sections"]):
        sections.append(Section(sec["title_vi"], sec["title_en"]))
        for item in sec["fields"]:
            fields.append(_field(item, index, heads, bad))
    ids = [f.id for f in fields]
    if len(set(ids)) != len(ids):
        raise bad("duplicate field ids")
    signatures = tuple(Signature(s["title_vi"], s["title_en"], s.get("name_source"))
                       for s in doc["signatures"])
    return Service(
        code=doc["code"], number=int(doc["number"]), name_vi=doc["name_vi"],
        name_en=doc["name_en"], procedure_codes=tuple(doc.get("procedure_codes", ())),
        form_code=form.get("code"), form_title_vi=form["title_vi"], form_title_en=form["title_en"],
        legal_basis=form["basis"], form_corner_vi=form["corner_vi"], research_status=doc["research_status"],
        field_list_status=doc["field_list_status"], notes=tuple(doc.get("notes", ())),
        sections=tuple(sections), fields=tuple(fields), signatures=signatures,
        parties=attach_fields(parties, fields, bad),
    )


def _field(item: str | Mapping[str, Any], section: int, heads: set[str], bad) -> FieldSpec:
    if isinstance(item, str):
        item = {"ref": item}
    extra = set(item) - _FIELD_KEYS
    if extra:
        raise bad(f"unknown field keys {sorted(extra)}")
    merged: dict[str, Any] = {}
    if "ref" in item:
        cat = field_catalogue()
        if item["ref"] not in cat:
            raise bad(f"unknown catalogue field {item['ref']!r}")
        merged.update(cat[item["ref"]])
        merged["id"] = item["ref"]
    merged.update({k: v for k, v in item.items() if k != "ref"})
    missing = {"id", "label_vi", "label_en", "type", "source"} - set(merged)
    if missing:
        raise bad(f"field {merged.get('id')!r} lacks {sorted(missing)}")
    fid = merged["id"]
    if merged["type"] not in FIELD_TYPES:
        raise bad(f"field {fid}: unknown type {merged['type']!r}")
    source = merged["source"]
    head, _, attr = source.partition(".")
    if head in heads:
        if attr not in IDENTITY_ATTRS:
            raise bad(f"field {fid}: unknown identity attribute {attr!r}")
    elif head == "kiosk":
        if attr not in KIOSK_KEYS:
            raise bad(f"field {fid}: unknown kiosk value {attr!r}")
    elif source != "citizen":
        raise bad(f"field {fid}: source {source!r} names no declared party")
    if attr == "place_of_origin" and any(fid.startswith(n) for n in NOT_FROM_ORIGIN):
        raise bad(f"field {fid}: quê quán must never fill nơi sinh / nơi đăng ký khai sinh")
    if merged["type"] == "choice" and not merged.get("choices"):
        raise bad(f"field {fid}: a choice needs choices")
    return FieldSpec(
        id=fid, label_vi=merged["label_vi"], label_en=merged["label_en"], type=merged["type"],
        source=source, required=bool(merged.get("required", False)), section=section,
        choices=tuple(merged.get("choices", ())), max_length=merged.get("max_length"),
        minimum=merged.get("minimum"), maximum=merged.get("maximum"),
        not_future=bool(merged.get("not_future", False)), default=merged.get("default"),
        sensitive=bool(merged.get("sensitive", False)), note_vi=merged.get("note_vi"),
        note_en=merged.get("note_en"),
    )
