"""The 25 services as data: every definition loads, matches its schema, and keeps the rules."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from kiosk.forms import ServiceDefinitionError, get_service, load_services
from kiosk.forms.catalog import _service

DECLARANT = {"role": "declarant", "label_vi": "Người kê khai", "label_en": "The declarant",
             "card": "required", "face": True}
LEGAL_CODES = {1: "DC02", 2: "DC02", 7: "CT01", 8: "CT01", 11: "Mẫu số 01", 16: "TK01",
               17: "Mẫu số 2", 18: "05-ĐK-TCT", 19: "Mẫu số 01", 23: "Mẫu số 11/ĐK",
               24: "Phụ lục XII"}


def test_twenty_five_services_numbered_once():
    services = load_services()
    assert [s.number for s in services] == list(range(1, 26))
    assert len({s.code for s in services}) == 25
    assert get_service(7).code == "dang-ky-thuong-tru"
    assert get_service("dang-ky-ket-hon").number == 15


def test_form_codes_are_only_those_the_research_verified():
    assert {s.number: s.form_code for s in load_services() if s.form_code} == LEGAL_CODES
    for s in load_services():
        if s.form_code is None:
            # no code-like "Mẫu XX" is printed for a form whose code was not found
            assert s.form_corner_vi and not re.match(r"Mẫu [A-Z0-9]", s.form_corner_vi)


def test_every_file_matches_the_service_schema():
    base = resources.files("kiosk.forms")
    validator = Draft202012Validator(
        json.loads(base.joinpath("schema/service.v1.schema.json").read_text("utf-8")))
    files = [p for p in base.joinpath("services").iterdir() if p.name.endswith(".json")]
    assert len(files) == 25
    for p in files:
        errors = list(validator.iter_errors(json.loads(p.read_text("utf-8"))))
        assert errors == [], p.name


def test_services_without_a_field_list_say_so():
    for s in load_services():
        if s.field_list_status == "NF":
            assert any("not found" in n or "NF" in n for n in s.notes), s.code


def test_place_of_origin_never_fills_place_of_birth_in_any_service():
    for s in load_services():
        for f in s.fields:
            if f.id.startswith(("noi_sinh", "noi_dang_ky_khai_sinh")):
                assert f.source == "citizen", (s.code, f.id)


def test_loader_rejects_place_of_origin_as_place_of_birth():
    doc = {
        "code": "x", "number": 1, "name_vi": "x", "name_en": "x", "procedure_codes": [],
        "form": {"code": None, "title_vi": "T", "title_en": "T", "basis": "B", "corner_vi": "C"},
        "research_status": "V", "field_list_status": "V", "notes": [], "parties": [DECLARANT],
        "sections": [{"title_vi": "A", "title_en": "A", "fields": [
            {"ref": "noi_sinh", "source": "identity.place_of_origin"}]}],
        "signatures": [{"title_vi": "S", "title_en": "S"}],
    }
    with pytest.raises(ServiceDefinitionError, match="quê quán must never fill"):
        _service(doc, "bad.json")


BASE = {
    "code": "x", "number": 1, "name_vi": "x", "name_en": "x", "procedure_codes": [],
    "form": {"code": None, "title_vi": "T", "title_en": "T", "basis": "B", "corner_vi": "C"},
    "research_status": "V", "field_list_status": "V", "notes": [],
    "signatures": [{"title_vi": "S", "title_en": "S"}],
}


def _doc(parties, fields):
    return {**BASE, "parties": parties,
            "sections": [{"title_vi": "A", "title_en": "A", "fields": fields}]}


def test_loader_rejects_unknown_sources_and_a_person_no_party_declares():
    with pytest.raises(ServiceDefinitionError, match="unknown identity attribute 'portrait'"):
        _service(_doc([DECLARANT], [{"ref": "ho_ten", "source": "identity.portrait"}]), "b.json")
    with pytest.raises(ServiceDefinitionError, match="'spouse.full_name' names no declared party"):
        _service(_doc([DECLARANT], ["ho_ten", {"ref": "ho_ten", "id": "b",
                                                "source": "spouse.full_name"}]), "b.json")
    with pytest.raises(ServiceDefinitionError, match="'second.full_name' names no declared"):
        _service(_doc([DECLARANT], [{"ref": "ho_ten", "id": "b", "source": "second.full_name"}]),
                 "b.json")


SPOUSE = {"role": "spouse", "label_vi": "Vợ/chồng", "label_en": "The spouse",
          "card": "required", "face": True}


@pytest.mark.parametrize("parties, message", [
    ([], "the declarant comes first"),
    ([SPOUSE, DECLARANT], "the declarant comes first"),
    ([{**DECLARANT, "face": False}], "the declarant's card is read and their face checked"),
    ([{**DECLARANT, "card": "optional"}], "the declarant's card is read"),
    ([DECLARANT, {**SPOUSE, "card": "none"}], "a face check needs a card read"),
    ([DECLARANT, {**SPOUSE, "needed": False}], "a required card makes the party needed"),
    ([DECLARANT, {**SPOUSE, "sex": "F"}], "sexes are written 'Nam' / 'Nữ'"),
    ([DECLARANT, {**SPOUSE, "role": "friend"}], "unknown role 'friend'"),
    ([DECLARANT, {**SPOUSE, "card": "maybe"}], "card must be one of"),
    ([DECLARANT, SPOUSE, SPOUSE], "a role is declared twice"),
    ([DECLARANT, {**SPOUSE, "colour": "red"}], "unknown keys \\['colour'\\]"),
    ([DECLARANT, {**SPOUSE, "fields": ["nope"]}], "no fields named \\['nope'\\]"),
])
def test_loader_rejects_parties_that_make_no_sense(parties, message):
    fields = ["ho_ten", {"ref": "ho_ten", "id": "b", "source": "spouse.full_name"}]
    with pytest.raises(ServiceDefinitionError, match=message):
        _service(_doc(parties, fields), "b.json")


def test_a_declared_party_must_fill_a_field():
    with pytest.raises(ServiceDefinitionError, match="party spouse: fills no field"):
        _service(_doc([DECLARANT, SPOUSE], ["ho_ten"]), "b.json")


#: service number -> (role, card, face, needed, the field a typed ID number fills) per party
#: after the declarant (whose card is always read and face checked). VN_SERVICES.md: marriage
#: reads both cards (15); birth and the linked birth service read each parent's card when the
#: parent is present (9, 11); the deceased's card is never read (10, 12); the household head
#: "could be read from the head's own card" (7, 8); every other form has one person.
PARTIES = {
    7: [("household_head", "optional", True, False, "so_dinh_danh_chu_ho")],
    8: [("household_head", "optional", True, False, "so_dinh_danh_chu_ho")],
    9: [("mother", "optional", True, False, "mother_so_dinh_danh"),
        ("father", "optional", True, False, "father_so_dinh_danh"),
        ("child", "none", False, False, None)],
    10: [("deceased", "none", False, False, "nguoi_chet_so_dinh_danh")],
    11: [("mother", "optional", True, False, "mother_so_dinh_danh"),
         ("father", "optional", True, False, "father_so_dinh_danh"),
         ("child", "none", False, False, None)],
    12: [("deceased", "none", False, False, "nguoi_chet_so_dinh_danh")],
    15: [("spouse", "required", True, True, None)],
}


def test_every_service_declares_its_parties():
    for s in load_services():
        declarant, *others = s.parties
        assert (declarant.role, declarant.card, declarant.face, declarant.needed) == (
            "declarant", "required", True, True), s.code
        got = [(p.role, p.card, p.face, p.needed, p.id_field) for p in others]
        assert got == PARTIES.get(s.number, []), s.code


def test_parties_fill_the_fields_that_name_them():
    birth = get_service("dang-ky-khai-sinh")
    assert birth.party("mother").fields == (
        "mother_ho_ten", "mother_nam_sinh", "mother_dan_toc", "mother_quoc_tich",
        "mother_noi_cu_tru", "mother_so_dinh_danh")
    assert (birth.party("mother").sex, birth.party("father").sex) == ("Nữ", "Nam")
    assert birth.party("mother").declarant_may_be and birth.party("father").declarant_may_be
    assert birth.party("child").fields[0] == "tre_ho_ten" and not birth.party("child").asks
    marriage = get_service("dang-ky-ket-hon")
    for role in ("declarant", "spouse"):  # each card fills the column of the sex printed on it
        p = marriage.party(role)
        assert dict(p.by_sex) == {"Nữ": "woman", "Nam": "man"}
        assert "woman_ho_ten" in p.fields and "man_ho_ten" in p.fields
    spouse = marriage.party("spouse")
    assert (spouse.card_label("vi"), spouse.card_label("en")) == (
        "Thẻ của vợ/chồng", "The spouse's card")
    death = get_service("dang-ky-khai-tu").party("deceased")
    assert death.asks and death.id_entry and not death.face
    assert get_service("dang-ky-ket-hon").second_party.role == "spouse"  # forms list --json
    assert get_service("dang-ky-khai-sinh").second_party.role == "other_parent"
    assert get_service("dang-ky-khai-tu").second_party.role == "deceased"
    assert get_service("xac-nhan-so-cmnd").second_party is None
