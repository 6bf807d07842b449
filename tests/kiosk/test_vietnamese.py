"""On-screen Vietnamese input: tone placement and vowel shapes, exact strings."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.vietnamese import apply_shape, apply_tone, normalise


@pytest.mark.parametrize(
    ("typed", "tone", "expected"),
    [
        ("Nguyên", "nga", "Nguyễn"),
        ("Nguyen", "nga", "Nguyẽn"),
        ("nguyên", "nang", "nguyện"),
        ("ngoai", "huyen", "ngoài"),
        ("hoa", "sac", "hóa"),
        ("thuy", "hoi", "thủy"),
        ("nguoi", "huyen", "nguòi"),  # before shaping, the tone goes on the 2nd vowel of 3
        ("quoc", "sac", "quóc"),
        ("gia", "nga", "giã"),
        ("toan", "huyen", "toàn"),
        ("Le Van An", "sac", "Le Van Án"),
        ("mua", "huyen", "mùa"),
        ("", "sac", ""),
        ("123", "sac", "123"),
    ],
)
def test_tone_goes_on_the_right_vowel(typed, tone, expected):
    assert apply_tone(typed, tone) == unicodedata.normalize("NFC", expected)


def test_shaped_vowel_takes_the_tone_and_tones_replace_each_other():
    word = apply_shape(apply_shape("nguoi", "horn"), "horn")  # nguơi -> ngươi
    assert word == "ngươi"
    assert apply_tone(word, "huyen") == "người"
    assert apply_tone(apply_tone("quoc", "sac"), None) == "quoc"
    assert apply_tone(apply_shape("quoc", "circumflex"), "sac") == "quốc"
    assert apply_tone(apply_tone("hoa", "sac"), "huyen") == "hòa"


def test_shape_keeps_an_existing_tone_and_stroke_makes_d_bar():
    assert apply_shape("ấ"[0:0] + "á", "circumflex") == "ấ"
    assert apply_shape("Dang", "stroke") == "Đang"
    assert apply_shape("xyz", "horn") == "xyz"


def test_normalise_folds_decomposed_text_and_spaces():
    assert normalise("  Nguye\u0302\u0303n   Va\u0306n  ") == "Nguyễn Văn"
