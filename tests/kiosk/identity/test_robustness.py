"""Whatever a card holds, building an Identity gives a value or a typed error, nothing else."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from icao.errors import ParseError
from icao.lds.dg13 import encode_dg13
from kiosk.identity import IdentityError

from .conftest import identity_of

KEYS = ("id_number", "full_name", "date_of_birth", "sex", "ethnicity", "residence",
        "date_of_issue", "date_of_expiry", "father", "spouse", "old_id_number")


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), st.text(max_size=40), max_size=len(KEYS)))
def test_any_text_in_dg13_fields(record):
    try:
        ident = identity_of({"DG13": encode_dg13(record)}, today=date(2026, 1, 1))
    except (ParseError, IdentityError):
        return
    assert set(ident.sources) <= set(KEYS) | {"date_of_expiry"}
    for field in ident.discrepancies:
        assert field.startswith(("dg13.", "dg1.", "qr."))


def test_unreadable_dates_are_reported_not_guessed():
    ident = identity_of({"DG13": encode_dg13({"full_name": "Lê Đức", "date_of_birth": "35/13/1990",
                                             "date_of_issue": "??"})})
    assert ident.date_of_birth is None and ident.date_of_issue is None
    assert ident.discrepancies == ("dg13.date_of_birth.unreadable", "dg13.date_of_issue.unreadable")
