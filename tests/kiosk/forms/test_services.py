"""The 25 services as data: every definition loads, matches its schema, and keeps the rules."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from kiosk.forms import ServiceDefinitionError, get_service, load_services
from kiosk.forms.catalog import _service

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
        "research_status": "V", "field_list_status": "V", "notes": [],
        "sections": [{"title_vi": "A", "title_en": "A", "fields": [
            {"ref": "noi_sinh", "source": "identity.place_of_origin"}]}],
        "signatures": [{"title_vi": "S", "title_en": "S"}],
    }
    with pytest.raises(ServiceDefinitionError, match="quê quán must never fill"):
        _service(doc, "bad.json")


def test_loader_rejects_unknown_sources_and_second_person_without_second_party():
    base = {
        "code": "x", "number": 1, "name_vi": "x", "name_en": "x", "procedure_codes": [],
        "form": {"code": None, "title_vi": "T", "title_en": "T", "basis": "B", "corner_vi": "C"},
        "research_status": "V", "field_list_status": "V", "notes": [],
        "signatures": [{"title_vi": "S", "title_en": "S"}],
    }
    bad_attr = {**base, "sections": [{"title_vi": "A", "title_en": "A", "fields": [
        {"ref": "ho_ten", "source": "identity.portrait"}]}]}
    with pytest.raises(ServiceDefinitionError, match="unknown identity attribute 'portrait'"):
        _service(bad_attr, "bad.json")
    no_second = {**base, "sections": [{"title_vi": "A", "title_en": "A", "fields": [
        {"ref": "ho_ten", "id": "b", "source": "second.full_name"}]}]}
    with pytest.raises(ServiceDefinitionError, match="no second_party"):
        _service(no_second, "bad.json")
