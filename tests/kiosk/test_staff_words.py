"""kiosk/staff_words.py: every reason code and every check name icao can produce has plain
Vietnamese and English words for staff, and they say what happened without technical ids."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from icao.pki.checks import Check, Status
from icao.reasons import Reason
from kiosk.staff_words import (
    CHECKS,
    REASONS,
    check_key,
    check_words,
    reason_words,
)

REPO = Path(__file__).resolve().parents[2]
#: how icao/pki builds names: f"{prefix}..." / f"{cert_prefix}..." / f"dg_hash.{name}"
PREFIXES = {"prefix": ("sod", "card_security"), "cert_prefix": ("ds", "card_security.signer"),
            "name": ("DG2",)}
_TECH = re.compile(r"\b(sod|ds|csca|dg_hash|dg_read|card_security|com)\.[a-z_]+|[a-z]+_[a-z_]+")


def _names(node: ast.expr) -> list[str]:
    """The check names a name argument can take: a string, or an f-string over PREFIXES."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if not isinstance(node, ast.JoinedStr):
        return []
    names = [""]
    for part in node.values:
        if isinstance(part, ast.Constant):
            names = [n + str(part.value) for n in names]
        elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name):
            names = [n + v for n in names for v in PREFIXES[part.value.id]]
        else:
            raise AssertionError(f"a check name built in a way this test does not know: "
                                 f"{ast.unparse(node)}")
    return names


def icao_check_names() -> set[str]:
    """Every check name passed to ok/fail/not_possible (and the helpers that build checks)
    anywhere in icao/pki, read from the source so a new check cannot go without words."""
    names: set[str] = set()
    for path in (REPO / "icao" / "pki").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.Module)):
                continue
            assigned = {t.id: n.value for n in ast.walk(func) if isinstance(n, ast.Assign)
                        for t in n.targets if isinstance(t, ast.Name)}
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                        node.func.id in ("ok", "fail", "not_possible", "revocation",
                                         "country_check") and node.args:
                    arg = node.args[-1] if node.func.id == "revocation" else node.args[0]
                    if isinstance(arg, ast.Name) and arg.id in assigned:
                        arg = assigned[arg.id]
                    names.update(_names(arg))
    return names


def test_the_source_scan_finds_the_documented_checks():
    names = icao_check_names()
    assert {"sod.signature", "ds.chain", "ds.revocation", "dg_hash.DG2", "dg_read.DG2",
            "card_security.signer.chain", "card_security.signer.revocation",
            "csca.validity", "com.coverage", "sod.present"} <= names
    assert len(names) >= 21


@pytest.mark.parametrize("code", list(Reason))
def test_every_reason_code_has_words_in_both_languages(code):
    vi, en = REASONS[code]
    assert vi and en and vi != en
    for language in ("vi", "en"):
        text = reason_words(code, ("DG2",), language)
        assert "{" not in text and ("_" not in code.value or code.value not in text)
        assert text[0].isupper()


def test_every_check_name_has_words_in_both_languages():
    missing = sorted(n for n in icao_check_names() if check_key(n) not in CHECKS)
    assert missing == []
    for name in icao_check_names():
        for language in ("vi", "en"):
            text = check_words(Check(name, Status.PASSED, "technical sentence"), language)
            assert "{" not in text and name not in text and not _TECH.search(text), text


def test_words_name_the_data_group_and_say_why():
    assert reason_words(Reason.DG_HASH_MISMATCH, ("DG2",), "vi") == (
        "Ảnh chân dung (DG2) trên chip khác với dữ liệu cơ quan cấp đã ký: thẻ đã bị sửa")
    assert reason_words(Reason.DG_HASH_MISMATCH, ("DG2",), "en") == (
        "The portrait (DG2) on the chip differs from what the issuing authority signed: the "
        "card was altered")
    assert check_words(Check("sod.signature", Status.PASSED, "x"), "vi") == \
        "Chữ ký số của cơ quan cấp hợp lệ"
    assert check_words(Check("sod.signature", Status.PASSED, "x"), "en") == \
        "The issuing authority's signature is valid"
    failed = Check("sod.signature", Status.FAILED, "x", code=Reason.SIGNATURE_INVALID)
    assert check_words(failed, "vi") == "Chữ ký số của cơ quan cấp không hợp lệ"
    assert check_words(Check("dg_hash.DG13", Status.PASSED, "x"), "en") == \
        "The personal data (DG13) matches what the issuing authority signed"
    assert check_words(Check("dg_read.DG7", Status.PASSED, "x"), "vi") == \
        "Chip cung cấp đủ nhóm dữ liệu DG7"
    unread = Check("dg_read.DG2", Status.FAILED, "x", code=Reason.DG_WITHHELD, files=("DG2",))
    assert check_words(unread, "en") == ("The chip withholds the portrait (DG2) although its "
                                         "signed data lists it: probably a copy")
