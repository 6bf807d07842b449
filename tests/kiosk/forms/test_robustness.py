"""Whatever is typed, pre-fill returns a draft with per-field errors; it never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.forms import draft_to_json, get_service, prefill

from .conftest import TODAY

SERVICES = [get_service(n) for n in (7, 15, 16, 19)]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SERVICES), st.data())
def test_any_typed_values_give_a_valid_json_document(woman, service, data):
    ids = [f.id for f in service.fields]
    extra = data.draw(st.dictionaries(st.sampled_from(ids), st.text(max_size=30), max_size=6))
    draft = prefill(service, woman, extra, today=TODAY)
    doc = draft_to_json(draft)  # schema-validated
    for f in doc["fields"]:
        for e in f["errors"]:
            assert e["vi"] and e["en"]
