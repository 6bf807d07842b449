"""Identity <-> JSON for fixtures, `kiosk forms fill --identity FILE`, and the UI/store hand-off.

Document shape (version 1)::

    {"schema": "kiosk.identity", "version": 1,
     "id_number": "001099012345", "old_id_number": null, "full_name": "...",
     "date_of_birth": "1990-09-05" (or "1990-09", "1990", or "05/09/1990" on input),
     "sex": "Nữ", "nationality": "Việt Nam", "ethnicity": "Kinh", "religion": "Không",
     "place_of_origin": "...", "residence": "...", "residence_ward_code": null,
     "date_of_issue": "2021-08-10", "date_of_expiry": "2030-09-05" or "Không thời hạn",
     "father": "...", "mother": "...", "spouse": null,
     "sources": {"full_name": "chip_dg13", ...}, "pa_passed": true}

Derived values (name split, ethnicity code, the 2025 address) are recomputed on load, not
trusted from the file. Identifying marks are never written (model.py says why).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from kiosk.identity.address import convert_address
from kiosk.identity.dates import NO_EXPIRY_VI, is_no_expiry, parse_date
from kiosk.identity.ethnicity import lookup_ethnicity
from kiosk.identity.model import PERSONAL_FIELDS, Identity, Source
from kiosk.identity.names import normalise_name, split_name

SCHEMA = "kiosk.identity"
VERSION = 1
_DATES = ("date_of_birth", "date_of_issue", "date_of_expiry")
_EXPORTED = tuple(f for f in PERSONAL_FIELDS if f != "identifying_marks")


class IdentityJsonError(ValueError):
    """The identity file is not usable; says which field, never its value."""


def identity_to_json(identity: Identity) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema": SCHEMA, "version": VERSION}
    for name in _EXPORTED:
        value = getattr(identity, name)
        doc[name] = value.iso() if name in _DATES and value is not None else value
    if identity.no_expiry:
        doc["date_of_expiry"] = NO_EXPIRY_VI
    conv = identity.residence_conversion
    doc["residence_ward_code"] = conv.ward_code if conv and conv.status == "converted" and \
        conv.candidates else None
    doc["sources"] = {k: v.value for k, v in identity.sources.items() if k in _EXPORTED}
    doc["pa_passed"] = identity.pa_passed
    doc["discrepancies"] = list(identity.discrepancies)
    return doc


def identity_from_json(doc: Mapping[str, Any]) -> Identity:
    if not isinstance(doc, Mapping):
        raise IdentityJsonError("identity JSON must be an object")
    if doc.get("schema", SCHEMA) != SCHEMA or int(doc.get("version", VERSION)) > VERSION:
        raise IdentityJsonError(f"not a {SCHEMA} document of version <= {VERSION}")
    unknown = set(doc) - set(_EXPORTED) - {"schema", "version", "sources", "pa_passed",
                                           "discrepancies", "residence_ward_code", "kind"}
    if unknown:
        raise IdentityJsonError(f"unknown identity fields: {sorted(unknown)}")
    values: dict[str, Any] = {}
    no_expiry = False
    for name in _EXPORTED:
        value = doc.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise IdentityJsonError(f"identity field {name!r} must be a string")
        if name == "date_of_expiry" and is_no_expiry(value):
            no_expiry = True
            continue
        if name in _DATES:
            try:
                values[name] = parse_date(value)
            except ValueError:
                raise IdentityJsonError(f"identity field {name!r} is not a date "
                                        "(use dd/mm/yyyy or yyyy-mm-dd)") from None
        else:
            values[name] = normalise_name(value)
    raw_sources = doc.get("sources") or {}
    sources: dict[str, Source] = {}
    for name in list(values) + (["date_of_expiry"] if no_expiry else []):
        try:
            sources[name] = Source(raw_sources.get(name, Source.CITIZEN.value))
        except ValueError:
            raise IdentityJsonError(f"unknown source for field {name!r}") from None
    eth = lookup_ethnicity(values.get("ethnicity"))
    conv = convert_address(values["residence"]) if values.get("residence") else None
    ward_code = doc.get("residence_ward_code")
    if conv is not None and ward_code and conv.needs_choice:
        try:
            conv = conv.choose(str(ward_code))
        except ValueError:
            raise IdentityJsonError("residence_ward_code is not one of the new communes of "
                                    "the old one") from None
    return Identity(
        **values,
        name=split_name(values["full_name"]) if values.get("full_name") else None,
        ethnicity_code=eth.code if eth else None,
        residence_conversion=conv,
        no_expiry=no_expiry,
        sources=MappingProxyType(sources),
        pa_passed=bool(doc.get("pa_passed", False)),
        discrepancies=tuple(str(d) for d in doc.get("discrepancies") or ()),
    )
