"""AccessKey: CAN, ID number, MRZ fields and text; MRZ check digits (9303-3 4.9)."""

from __future__ import annotations

import hashlib

import pytest

from icao.errors import ParseError, UnsupportedProtocol
from icao.keys import AccessKey
from icao.mrz_check import check_digit


def test_check_digit_vectors(load_vector):
    vec = load_vector("mrz_check_digits.json")
    for ex in vec["check_digit_examples"]:
        assert check_digit(ex["input"]) == str(ex["expected"]), ex["input"]


def test_mrz_samples_give_the_published_key_seed(load_vector):
    for sample in load_vector("mrz_check_digits.json")["mrz_samples"]:
        key = AccessKey.from_mrz_text("\n".join(sample["lines"]))
        assert key.mrz_information() == sample["bac_mrz_information"], sample["label"]
        assert key.bac_seed().hex().upper() == sample["bac_kseed"]
        assert key.pace_password().hex().upper() == sample["sha1_bac_mrz_information"]
        assert key.password_ref == 1
        by_fields = AccessKey.from_mrz_fields(sample["document_number"], sample["dob"],
                                              sample["doe"])
        assert by_fields.bac_seed() == key.bac_seed()


def test_mrz_text_on_one_line_is_accepted(load_vector):
    sample = load_vector("mrz_check_digits.json")["mrz_samples"][0]
    assert AccessKey.from_mrz_text(sample["mrz"]).bac_seed().hex().upper() == sample["bac_kseed"]


def test_mrz_text_with_a_wrong_check_digit_is_rejected(load_vector):
    lines = list(load_vector("mrz_check_digits.json")["mrz_samples"][0]["lines"])
    lines[1] = "7408123" + lines[1][7:]  # birth-date check digit 2 -> 3
    with pytest.raises(ParseError):
        AccessKey.from_mrz_text("\n".join(lines))


def test_can_is_six_digits_and_its_password_is_ascii():
    key = AccessKey.from_can("123456")
    assert key.kind == "can"
    assert key.password_ref == 2
    assert key.pace_password() == b"123456"
    for bad in ("12345", "1234567", "12a456", "", "１２３４５６"):
        with pytest.raises(ParseError):
            AccessKey.from_can(bad)


def test_can_from_vietnamese_id_number_is_its_last_six_digits():
    assert AccessKey.from_id_number("001099012345").pace_password() == b"012345"
    assert AccessKey.from_id_number("001 099 012 345") == AccessKey.from_can("012345")
    with pytest.raises(ParseError):
        AccessKey.from_id_number("00109901234")


def test_can_cannot_run_bac():
    with pytest.raises(UnsupportedProtocol):
        AccessKey.from_can("123456").bac_seed()


def test_short_document_number_is_padded_with_fillers():
    key = AccessKey.from_mrz_fields("L898902C", "690806", "940623")
    assert key.mrz_information() == "L898902C<369080619406236"
    assert key.pace_password() == hashlib.sha1(b"L898902C<369080619406236").digest()


def test_repr_never_shows_the_secret():
    for key in (AccessKey.from_can("987654"),
                AccessKey.from_mrz_fields("L898902C<", "690806", "940623")):
        text = repr(key) + str(key)
        for secret in ("987654", "L898902C", "690806", "940623"):
            assert secret not in text


def test_bad_mrz_fields_are_parse_errors():
    with pytest.raises(ParseError):
        AccessKey.from_mrz_fields("L8989-02", "690806", "940623")
    with pytest.raises(ParseError):
        AccessKey.from_mrz_fields("L898902C", "6908", "940623")
    with pytest.raises(ParseError):
        AccessKey.from_mrz_text("not an mrz")
