"""`kiosk forms list`: the 25 services, their form codes and legal basis."""

from __future__ import annotations

import argparse

COMMAND = ("forms", "list")
HELP = "list the 25 public services with their form code, legal basis and fields"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print JSON with every field (docs/cli/forms.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import print_json, print_table
    from kiosk.forms import load_services

    services = load_services()
    if args.json:
        print_json("forms.list", {"services": [{
            "number": s.number, "code": s.code, "name_vi": s.name_vi, "name_en": s.name_en,
            "procedure_codes": list(s.procedure_codes), "form_code": s.form_code,
            "form_title_vi": s.form_title_vi, "legal_basis": s.legal_basis,
            "research_status": s.research_status, "field_list_status": s.field_list_status,
            "second_party": s.second_party.role if s.second_party else None,
            "parties": [{
                "role": p.role, "label_vi": p.label_vi, "label_en": p.label_en,
                "card_vi": p.card_vi, "card_en": p.card_en, "card": p.card, "face": p.face,
                "needed": p.needed, "sex": p.sex, "declarant_may_be": p.declarant_may_be,
                "by_sex": dict(p.by_sex), "id_field": p.id_field, "fields": list(p.fields),
            } for p in s.parties],
            "notes": list(s.notes),
            "fields": [{"id": f.id, "label_vi": f.label_vi, "label_en": f.label_en,
                        "type": f.type, "source": f.source, "required": f.required,
                        **({"choices": list(f.choices)} if f.choices else {})}
                       for f in s.fields],
        } for s in services]})
        return 0
    print_table([[str(s.number), s.code, s.form_code or "-", s.name_vi] for s in services],
                ["#", "SERVICE", "FORM", "NAME"])
    return 0
