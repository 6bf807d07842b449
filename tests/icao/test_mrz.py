"""icao/mrz.py against the ICAO specimens, the DG1 vectors and the Vietnamese TD1 layout."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icao import mrz
from icao.errors import ParseError
from icao.mrz_check import check_digit
from icao.tlv import decode

TODAY = date(2026, 11, 28)
# Fictional citizen: the ID number is made up (province code 079 = Ho Chi Minh City).
VN_ID = "079203012345"


def test_check_digit_examples_from_9303_3(load_vector):
    for ex in load_vector("mrz_check_digits.json")["check_digit_examples"]:
        assert check_digit(ex["input"]) == str(ex["expected"])


def test_every_specimen_parses_with_exact_fields_and_mrz_information(load_vector):
    samples = load_vector("mrz_check_digits.json")["mrz_samples"]
    assert len(samples) >= 7
    for s in samples:
        m = mrz.parse("\n".join(s["lines"]))
        assert m.format == s["format"]
        assert m.document_number == s["document_number"]
        assert m.birth_date == s["dob"] and m.expiry_date == s["doe"]
        assert m.mrz_information == s["bac_mrz_information"]
        assert m.valid and m.id_number is None
        assert set(m.checks) >= {"document_number", "birth_date", "expiry_date", "composite"}


def test_td1_specimen_fields():
    m = mrz.parse("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
                  "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    assert (m.document_code, m.issuing_state, m.nationality, m.sex) == ("I", "UTO", "UTO", "F")
    assert m.names == ("ERIKSSON", "ANNA MARIA")
    assert m.optional_data == "" and m.optional_data_2 == ""
    assert m.birth_as_date(today=TODAY) == date(1974, 8, 12)
    assert m.expiry_as_date(today=TODAY) == date(2012, 4, 15)


def test_long_document_number_overflows_into_optional_data_9303_11_d2():
    m = mrz.parse("I<UTOD23145890<7349<<<<<<<<<<<3407127M9507122UTO<<<<<<<<<<<2"
                  "STEVENSON<<PETER<JOHN<<<<<<<<<")
    assert m.document_number == "D23145890734"
    assert m.optional_data == ""
    assert m.mrz_information == "D23145890734934071279507122"
    text = mrz.format_td1(document_number="D23145890734", birth_date="340712",
                          expiry_date="950712", sex="M", surname="STEVENSON",
                          given_names="PETER JOHN", document_code="I", issuing_state="UTO",
                          nationality="UTO")
    assert text.splitlines()[0] == "I<UTOD23145890<7349<<<<<<<<<<<"
    assert mrz.parse(text).document_number == "D23145890734"


def test_td3_personal_number_check_digit():
    m = mrz.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert m.optional_data == "ZE184226B" and m.checks["optional_data"] is True
    bad = mrz.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<20", strict=False)
    assert bad.checks["optional_data"] is False and bad.checks["composite"] is False


@pytest.mark.parametrize("name", [
    "DG1_TD1_9303p10_A2-1_corrected.bin",
    "DG1_TD2_9303p10_A2-2_corrected.bin",
    "DG1_TD2_UTO_ERIKSSON.bin",
    "DG1_TD3_9303p4_UTO_ERIKSSON.bin",
])
def test_dg1_bodies_parse(load_vector, name):
    dg1 = decode(load_vector(f"lds/icao9303_p10_and_misc_examples/{name}"))
    text = dg1.require(0x5F1F).value.decode("ascii")
    m = mrz.parse(text)
    assert m.valid
    assert m.format == {"TD1": "TD1", "TD2": "TD2", "TD3": "TD3"}[name.split("_")[1]]


def test_dg1_td1_netherlands_fields(load_vector):
    dg1 = decode(load_vector("lds/icao9303_p10_and_misc_examples/"
                             "DG1_TD1_9303p10_A2-1_corrected.bin"))
    m = mrz.parse(dg1.require(0x5F1F).value.decode("ascii"))
    assert (m.document_code, m.issuing_state, m.document_number) == ("I", "NLD", "XI85935F8")
    assert (m.birth_date, m.sex, m.expiry_date, m.nationality) == ("720814", "F", "110826",
                                                                    "NLD")
    assert m.optional_data == "999999990"
    assert m.names == ("VAN DER STEEN", "MARIANNE LOUISE")


def test_bsi_and_etsi_dg1(load_vector):
    for rel, expiry in (("bsi_tr03105_5_reference_dataset", "231031"),
                        ("etsi_tr103200_eacaa", "131031")):
        m = mrz.parse(decode(load_vector(f"lds/{rel}/DG1.bin")).require(0x5F1F)
                      .value.decode("ascii"))
        assert (m.format, m.issuing_state, m.document_number) == ("TD3", "D", "C11T002JM")
        assert m.expiry_date == expiry and m.names == ("MUSTERMANN", "ERIKA")


def test_vietnamese_td1_round_trip_and_id_number():
    text = mrz.format_td1(id_number=VN_ID, birth_date="030412", expiry_date="430412", sex="F",
                          surname="Nguyễn", given_names="Thị Đào")
    l1, l2, l3 = text.splitlines()
    assert l1 == "IDVNM203012345" + check_digit("203012345") + VN_ID + "<<" + check_digit(VN_ID)
    assert l3 == "NGUYEN<<THI<DAO" + "<" * 15
    m = mrz.parse(text)
    assert m.id_number == VN_ID and m.document_number == "203012345" and m.can == "012345"
    assert dict(m.checks) == {"document_number": True, "birth_date": True, "expiry_date": True,
                              "id_number": True, "id_number_matches_document": True,
                              "composite": True}
    assert m.birth_as_date(today=TODAY) == date(2003, 4, 12)
    assert m.expiry_as_date(today=TODAY) == date(2043, 4, 12)


def test_vietnamese_id_check_digit_right_after_number_is_also_accepted():
    l1 = "IDVNM203012345" + check_digit("203012345") + VN_ID + check_digit(VN_ID) + "<<"
    l2 = ("030412" + check_digit("030412") + "F430412" + check_digit("430412")
          + "VNM" + "<" * 11)
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    m = mrz.parse("\n".join((l1, l2, "NGUYEN<<THI<DAO" + "<" * 15)))
    assert m.id_number == VN_ID and m.valid


def test_vietnamese_document_number_must_be_last_nine_digits_of_id():
    lines = mrz.format_td1(id_number=VN_ID, document_number="203012346", birth_date="030412",
                           expiry_date="430412", sex="F", surname="NGUYEN")
    with pytest.raises(mrz.MrzCheckError) as exc:
        mrz.parse(lines)
    assert exc.value.field == "id_number_matches_document"


def test_wrong_check_digit_strict_names_field_without_value():
    good = mrz.format_td1(id_number=VN_ID, birth_date="030412", expiry_date="430412", sex="F",
                          surname="NGUYEN", given_names="THI DAO").splitlines()
    bad_birth = good[1][:6] + str((int(good[1][6]) + 1) % 10) + good[1][7:]
    text = "\n".join((good[0], bad_birth, good[2]))
    with pytest.raises(mrz.MrzCheckError) as exc:
        mrz.parse(text)
    assert exc.value.field == "birth_date"
    for secret in ("030412", VN_ID, "203012345", "NGUYEN"):
        assert secret not in str(exc.value)
    lax = mrz.parse(text, strict=False)
    assert lax.failed_checks == ("birth_date", "composite")
    assert lax.birth_date == "030412"  # reported as read, never corrected


def test_repr_masks_personal_data():
    m = mrz.parse(mrz.format_td1(id_number=VN_ID, birth_date="030412", expiry_date="430412",
                                 sex="F", surname="NGUYEN", given_names="THI DAO"))
    for text in (repr(m), str(m)):
        for secret in (VN_ID, "203012345", "030412", "430412", "NGUYEN", "DAO"):
            assert secret not in text
        assert "TD1" in text


@pytest.mark.parametrize("text, message", [
    ("", "0 lines"),
    ("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6", "2 lines (30x30)"),
    ("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
     "ERIKSSON<<ANNA<MARIA<<<<<<<<<#", "line 3"),
])
def test_malformed_text_is_parse_error(text, message):
    with pytest.raises(ParseError, match=message.replace("(", r"\(").replace(")", r"\)")):
        mrz.parse(text)


def test_typed_lower_case_is_accepted():
    m = mrz.parse("i<utod231458907<<<<<<<<<<<<<<<\n7408122f1204159uto<<<<<<<<<<<6\n"
                  "eriksson<<anna<maria<<<<<<<<<<")
    assert m.valid and m.document_number == "D23145890" and m.sex == "F"


def test_single_run_of_characters_is_split():
    m = mrz.parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
                  "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert m.format == "TD3" and len(m.lines) == 2


@pytest.mark.parametrize("yymmdd, expected", [
    ("261128", date(2026, 11, 28)),  # today: born today is past, not future
    ("261129", date(1926, 11, 29)),  # tomorrow in 2026 is impossible for a birth
    ("000229", date(2000, 2, 29)),
    ("991231", date(1999, 12, 31)),
    ("<<<<<<", None),
    ("991341", None),
])
def test_birth_century_is_past(yymmdd, expected):
    assert mrz.birth_date(yymmdd, today=TODAY) == expected


@pytest.mark.parametrize("yymmdd, expected", [
    ("760101", date(1976, 1, 1)),
    ("751231", date(2075, 12, 31)),
    ("120415", date(2012, 4, 15)),
    ("461231", date(2046, 12, 31)),
])
def test_expiry_century_window(yymmdd, expected):
    assert mrz.expiry_date(yymmdd, today=TODAY) == expected


def test_format_td3_round_trip_and_transliteration():
    text = mrz.format_td3(document_number="C1234567", birth_date="850101", expiry_date="350101",
                          sex="M", surname="Đặng", given_names="Văn Hùng")
    m = mrz.parse(text)
    assert m.valid and m.format == "TD3"
    assert m.names == ("DANG", "VAN HUNG") and m.document_number == "C1234567"
    assert text.splitlines()[1][:10] == "C1234567<" + check_digit("C1234567<")


# --- robustness -------------------------------------------------------------------------

_MRZ_CHARS = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([(3, 30), (2, 36), (2, 44)]).flatmap(
    lambda shape: st.lists(st.text(_MRZ_CHARS, min_size=shape[1], max_size=shape[1]),
                           min_size=shape[0], max_size=shape[0])))
def test_any_well_shaped_text_parses_or_raises_parse_error_only(lines):
    try:
        m = mrz.parse("\n".join(lines), strict=False)
    except ParseError:
        return
    assert m.format in ("TD1", "TD2", "TD3")
    assert m.valid == all(m.checks.values())
    try:
        mrz.parse("\n".join(lines))
    except mrz.MrzCheckError as exc:
        assert exc.field in m.failed_checks


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_text_never_raises_anything_but_parse_error(text):
    try:
        mrz.parse(text, strict=False)
    except ParseError:
        pass


def test_access_keys_built_from_parsed_mrz_match_the_vectors(load_vector):
    """icao.keys takes our fields as they are (long document numbers included, 9303-11 D.2)."""
    from icao.keys import AccessKey

    for s in load_vector("mrz_check_digits.json")["mrz_samples"]:
        m = mrz.parse("\n".join(s["lines"]))
        key = AccessKey.from_mrz_fields(m.document_number, m.birth_date, m.expiry_date)
        assert key.mrz_information() == s["bac_mrz_information"]
        assert key.bac_seed().hex().upper() == s["bac_kseed"]
        assert AccessKey.from_mrz_text("\n".join(s["lines"])).bac_seed() == key.bac_seed()
