"""A service's parties as data: who is on the form and how the kiosk identifies each one.

Every service file lists its `parties` (schema/service.v1.schema.json): the declarant first
(the person who files: their card is always read and their face checked), then the others in
the order the citizen flow asks for them (kiosk.session). Loading checks that the declaration
makes sense, so a wrong file fails at start-up with the file named, not at the counter:

- the declarant comes first, with its card required and a face check;
- a face check needs a card read (a person present), and a required card means a needed party;
- every field's source names a declared party ("identity" is the declarant's), or an alias
  one of them fills by the sex on its card (marriage: woman / man);
- a party whose card is optional or impossible has an ID number field for the typed number,
  unless it has no ID at all (a newborn child), and then the flow does not stop for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from kiosk.forms.model import CARD_POLICIES, PARTY_ROLES, FieldSpec, PartySpec

Bad = Callable[[str], Exception]
_KEYS = {"role", "label_vi", "label_en", "card_vi", "card_en", "card", "face", "needed", "sex",
         "declarant_may_be", "by_sex", "fields"}
SEXES = ("Nam", "Nữ")


def load_parties(items: Sequence[Mapping[str, Any]], bad: Bad) -> list[PartySpec]:
    """The declarations as PartySpecs (their fields are attached by `attach_fields`)."""
    out: list[PartySpec] = []
    for item in items:
        extra = set(item) - _KEYS
        if extra:
            raise bad(f"party: unknown keys {sorted(extra)}")
        role, card = item.get("role"), item.get("card")
        if role not in PARTY_ROLES:
            raise bad(f"party: unknown role {role!r}")
        if card not in CARD_POLICIES:
            raise bad(f"party {role}: card must be one of {CARD_POLICIES}")
        face = bool(item.get("face", False))
        needed = bool(item.get("needed", card == "required"))
        if face and card == "none":
            raise bad(f"party {role}: a face check needs a card read (a person present)")
        if card == "required" and not needed:
            raise bad(f"party {role}: a required card makes the party needed")
        sex = item.get("sex")
        by_sex = dict(item.get("by_sex", {}))
        if sex is not None and sex not in SEXES or set(by_sex) - set(SEXES):
            raise bad(f"party {role}: sexes are written 'Nam' / 'Nữ' as on the card")
        out.append(PartySpec(
            role=role, label_vi=item["label_vi"], label_en=item["label_en"],
            card_vi=item.get("card_vi", item["label_vi"]),
            card_en=item.get("card_en", item["label_en"]), card=card, face=face,
            needed=needed, sex=sex, declarant_may_be=bool(item.get("declarant_may_be", False)),
            by_sex=by_sex, fields=tuple(item.get("fields", ())),
        ))
    roles = [p.role for p in out]
    if not out or out[0].role != "declarant" or roles.count("declarant") != 1:
        raise bad("parties: the declarant comes first, once")
    if out[0].card != "required" or not out[0].face:
        raise bad("parties: the declarant's card is read and their face checked")
    if len(set(roles)) != len(roles):
        raise bad("parties: a role is declared twice")
    return out


def attach_fields(parties: Sequence[PartySpec], fields: Sequence[FieldSpec],
                  bad: Bad) -> tuple[PartySpec, ...]:
    """Check every field's source against the parties; give each party its fields and the
    field its typed ID number fills."""
    heads: dict[str, PartySpec] = {p.source: p for p in parties}
    aliases: dict[str, list[PartySpec]] = {}
    for p in parties:
        for alias in p.by_sex.values():
            if alias in heads:
                raise bad(f"party {p.role}: alias {alias!r} is also a party")
            aliases.setdefault(alias, []).append(p)
    ids = {f.id for f in fields}
    owned: dict[str, list[str]] = {p.role: list(p.fields) for p in parties}
    for p in parties:
        unknown = set(p.fields) - ids
        if unknown:
            raise bad(f"party {p.role}: no fields named {sorted(unknown)}")
    for f in fields:
        head = f.party
        if head is None:
            continue
        if head in heads:
            owners = [heads[head]]
        elif head in aliases:
            owners = aliases[head]
        else:
            raise bad(f"field {f.id}: source {f.source!r} names no declared party")
        for p in owners:
            if f.id not in owned[p.role]:
                owned[p.role].append(f.id)
    done = []
    for p in parties:
        id_fields = [f.id for f in fields if f.source == f"{p.source}.id_number"]
        if not owned[p.role]:
            raise bad(f"party {p.role}: fills no field of the form")
        done.append(replace(p, fields=tuple(owned[p.role]),
                            id_field=id_fields[0] if id_fields else None))
    return tuple(done)


def party_heads(parties: Sequence[PartySpec]) -> set[str]:
    """Every source prefix a field may use in a service with these parties."""
    return {p.source for p in parties} | {a for p in parties for a in p.by_sex.values()}
