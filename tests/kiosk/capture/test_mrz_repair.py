"""kiosk/capture/mrz_repair.py: repairs only field-type-impossible characters, never a key."""

from __future__ import annotations

import pytest

from icao.mrz import format_td1, format_td3
from kiosk.capture.mrz_repair import assemble, fit_length, normalize

ID = "001085012345"  # fictional
VN = format_td1(id_number=ID, birth_date="850307", expiry_date="450307", sex="M",
                surname="NGUYEN", given_names="VAN DUC").splitlines()


def key(m):
    return (m.document_number, m.birth_date, m.expiry_date, m.id_number)


TRUE_KEY = ("085012345", "850307", "450307", ID)


def test_clean_lines_with_noise_around():
    m = assemble(["PL8940MRPH8D 75RNS4D6BRM", VN[0], VN[1], VN[2], "SIGNATURE"])
    assert m is not None and key(m) == TRUE_KEY
    assert m.names == ("", "")  # the name line is never used


def test_name_line_missing_or_garbled_does_not_matter():
    assert key(assemble([VN[0], VN[1]])) == TRUE_KEY
    assert key(assemble([VN[0], VN[1], "NGUY3N<<V4N<<<<<<"])) == TRUE_KEY


def test_lookalike_letters_in_numeric_fields_are_repaired():
    l1 = VN[0][:5] + VN[0][5:].replace("0", "O").replace("1", "I").replace("8", "B")
    l2 = VN[1][:15].replace("5", "S").replace("0", "O") + VN[1][15:]
    assert key(assemble([l1, l2])) == TRUE_KEY


def test_lookalike_digits_in_alphabetic_fields_are_repaired():
    m = assemble(["1DVNM" + VN[0][5:], VN[1][:15] + "V8M" + VN[1][18:]])
    assert key(m) == TRUE_KEY
    assert (m.document_code, m.issuing_state, m.nationality) == ("ID", "VNM", "VBM")
    # 8 -> B is the only mapping for 8: a look-alike is mapped, never checked for sense.
    # The nationality is outside every check digit (9303-5 4.2.2) and outside the key.


def test_filler_look_alikes_and_spaces():
    assert normalize("idvnm 0850 «« ‹") == "IDVNM0850<<<<<"
    l2 = VN[1][:18] + "KKKKKKKKKKK" + VN[1][29]  # "<" read as K where only "<" is allowed
    assert key(assemble([VN[0], l2])) == TRUE_KEY


def test_miscounted_filler_run_is_fitted():
    short = VN[1].replace("<<<<<<<<<<<", "<<<<<<<<<")
    long = VN[1].replace("<<<<<<<<<<<", "<<<<<<<<<<<<<")
    assert key(assemble([VN[0], short])) == TRUE_KEY
    assert key(assemble([VN[0], long])) == TRUE_KEY
    assert fit_length("AB<<CD<<EF", 11) is None  # two equal runs: ambiguous, not guessed
    assert fit_length("ABC", 5) is None


def test_dropped_digit_is_rejected_not_fitted():
    dropped = VN[1][:3] + VN[1][4:]
    assert assemble([VN[0], dropped]) is None


def test_every_single_wrong_digit_in_the_key_is_rejected_never_fixed():
    """7-3-1 check digits catch every single substituted digit: no OCR slip of one digit
    may give a different key that validates."""
    for line_no, positions in ((0, range(5, 30)), (1, list(range(0, 7)) + list(range(8, 15))
                                                  + [29])):
        for pos in positions:
            original = VN[line_no][pos]
            if not original.isdigit():
                continue
            for d in "0123456789":
                if d == original:
                    continue
                lines = list(VN)
                lines[line_no] = lines[line_no][:pos] + d + lines[line_no][pos + 1:]
                assert assemble(lines) is None, (line_no, pos, d)


def test_td3_passport_line():
    td3 = format_td3(document_number="C1234567", birth_date="850101", expiry_date="350101",
                     sex="F", surname="TRAN", given_names="THI LAN").splitlines()
    m = assemble(["noise", td3[0], td3[1].replace("0", "O", 1)])
    assert m is not None and m.format == "TD3"
    assert (m.document_number, m.birth_date, m.expiry_date) == ("C1234567", "850101", "350101")


@pytest.mark.parametrize("lines", [[], ["NOTHING HERE"], [VN[1], VN[0]]])
def test_no_mrz(lines):
    assert assemble(lines) is None
